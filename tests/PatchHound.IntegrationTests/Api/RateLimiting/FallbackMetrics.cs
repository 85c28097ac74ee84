using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PatchHound.Infrastructure.RateLimiting;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>
/// Listens to one host's rate-limiting fallback metrics (meters created by that host's <see cref="IMeterFactory"/>,
/// so other hosts in the test process do not count).
/// </summary>
public sealed class FallbackMetrics : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> fallbackByReason = new();
    private int active = -1;

    public FallbackMetrics(IMeterFactory hostMeters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RateLimitFallback.MeterName && ReferenceEquals(instrument.Meter.Scope, hostMeters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value as string ?? string.Empty;
            fallbackByReason.AddOrUpdate(reason, value, (_, sum) => sum + value);
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Volatile.Write(ref active, value));
        listener.Start();
    }

    /// <summary>Requests decided by the per-replica limiter for this reason.</summary>
    public long Fallbacks(string reason) => fallbackByReason.GetValueOrDefault(reason);

    /// <summary>The <c>patchhound.ratelimit.fallback.active</c> gauge now (-1 before the limiter exists).</summary>
    public int Active()
    {
        listener.RecordObservableInstruments();
        return Volatile.Read(ref active);
    }

    public void Dispose() => listener.Dispose();
}
