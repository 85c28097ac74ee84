using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// Every event the host's Serilog logger writes (it reads sinks from the host's services), rendered with all its
/// properties and exception, so a test can check a secret never reaches the logs.
/// </summary>
public sealed class CapturedLogEvents : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();

    public string AllText => string.Join('\n', lines);

    public void Emit(LogEvent logEvent) =>
        lines.Enqueue($"{logEvent.Level}: {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} | "
            + string.Join(", ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}")) + $" | {logEvent.Exception}");
}
