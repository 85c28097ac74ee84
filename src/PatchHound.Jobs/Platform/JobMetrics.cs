using System.Diagnostics.Metrics;
using PatchHound.ServiceDefaults;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// The job signals an operator alerts on (docs/observability.md). Labels are job type, queue and outcome — never a
/// tenant. Names follow OpenTelemetry's dotted style; Prometheus shows them with '_' and a unit suffix.
/// </summary>
internal static class JobMetrics
{
    private static readonly Meter Meter = new(TenantTelemetry.SourceName);

    public static readonly Counter<long> Processed = Meter.CreateCounter<long>(
        "patchhound.jobs.processed", "{job}", "Job executions finished, by job type, queue and outcome (succeeded, failed, skipped).");

    public static readonly Counter<long> Retried = Meter.CreateCounter<long>(
        "patchhound.jobs.retried", "{job}", "Failed executions scheduled for another attempt.");

    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        "patchhound.jobs.dead_lettered", "{job}", "Jobs that exhausted their attempts and stay Failed (the dead-letter list).");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "patchhound.jobs.duration", "s", "Time a job execution ran, by job type, queue and outcome.");

    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "patchhound.jobs.queue_wait", "s", "Time from enqueued to processing, by job type and queue.");

    public static KeyValuePair<string, object?>[] Labels(string jobType, string queue) =>
        [new("job.type", jobType), new("queue", queue)];

    public static KeyValuePair<string, object?>[] Labels(string jobType, string queue, string outcome) =>
        [new("job.type", jobType), new("queue", queue), new("outcome", outcome)];
}
