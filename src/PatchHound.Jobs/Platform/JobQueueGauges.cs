using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.Extensions.Hosting;
using PatchHound.ServiceDefaults;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Queue depth per queue and the dead-letter (Failed) count, read from Hangfire's storage at each collection: one
/// count query per queue and one for Failed. The values are cluster-wide, so every worker replica reports the same
/// figure: dashboards and alerts take <c>max</c> over instances (docs/observability.md), never <c>sum</c>.
/// </summary>
internal sealed class JobQueueGauges(JobStorage storage, IMeterFactory meters) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create(TenantTelemetry.SourceName);
        meter.CreateObservableGauge("patchhound.jobs.queue.depth", QueueDepths, "{job}", "Jobs enqueued and not yet fetched, per queue (cluster-wide).");
        meter.CreateObservableGauge("patchhound.jobs.failed.count", FailedCount, "{job}", "Jobs in Failed, the dead-letter list (cluster-wide).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> QueueDepths()
    {
        var monitoring = storage.GetMonitoringApi();
        return [.. JobQueues.All.Select(queue => new Measurement<long>(monitoring.EnqueuedCount(queue), new KeyValuePair<string, object?>("queue", queue)))];
    }

    private long FailedCount() => storage.GetMonitoringApi().FailedCount();
}
