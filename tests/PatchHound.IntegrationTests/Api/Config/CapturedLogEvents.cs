using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// A Serilog sink for the API host under test (Serilog reads sinks from DI): every rendered message, every property
/// value and every exception, to search for secrets.
/// </summary>
public sealed class CapturedLogEvents : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();

    public int Count => lines.Count;

    public string AllText => string.Join('\n', lines);

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var properties = string.Join(", ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage(CultureInfo.InvariantCulture)} | {properties} | {logEvent.Exception}");
    }
}
