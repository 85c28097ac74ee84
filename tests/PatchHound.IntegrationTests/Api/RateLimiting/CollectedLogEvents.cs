using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>A Serilog sink the host picks up from its services (ReadFrom.Services): every event it logs, kept for assertions.</summary>
public sealed class CollectedLogEvents : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> From<T>(LogEventLevel level) =>
        events.Where(e => e.Level == level
                && e.Properties.TryGetValue("SourceContext", out var source)
                && source is ScalarValue { Value: string name }
                && name == typeof(T).FullName)
            .ToList();
}
