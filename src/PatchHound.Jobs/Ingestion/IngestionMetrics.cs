using System.Diagnostics.Metrics;
using Hangfire.Server;
using PatchHound.Core.Ingestion;
using PatchHound.ServiceDefaults;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// Ingestion runs as an operator sees them: finished runs by outcome and trigger, their duration, and the records they
/// read (rate() of it is records per second), and the hop between two steps. Never per tenant or source: a tenant's runs are read from its API.
/// </summary>
internal static class IngestionMetrics
{
    private static readonly Meter Meter = new(TenantTelemetry.SourceName);

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "patchhound.ingestion.runs", "{run}", "Ingestion runs finished, by outcome (succeeded, dead_lettered) and trigger.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "patchhound.ingestion.run.duration", "s", "Time from a run's start to its end, by outcome and trigger.");

    private static readonly Counter<long> Records = Meter.CreateCounter<long>(
        "patchhound.ingestion.records", "{record}", "Devices and findings read by finished runs.");

    /// <summary>When the predecessor chained this step as its continuation (UTC), a parameter of the step's job.</summary>
    public const string ChainedAtParameter = "ChainedAt";

    private static readonly Histogram<double> Hop = Meter.CreateHistogram<double>(
        "patchhound.ingestion.hop", "s", "Time from a step being chained by its predecessor to its start (first attempts), by step (batch, merge).");

    /// <summary>The hop into this step, on its first attempt only: a retry's wait is the retry delay, not a hop.</summary>
    public static void Started(PerformContext? job, string step)
    {
        if (job is null || job.GetJobParameter<int>("RetryCount") > 0 || job.GetJobParameter<DateTime?>(ChainedAtParameter) is not { } chainedAt)
        {
            return;
        }

        Hop.Record(Math.Max(0, (DateTime.UtcNow - chainedAt).TotalSeconds), new KeyValuePair<string, object?>("step", step));
    }

    public static void Finished(IngestionRun run, string outcome)
    {
        KeyValuePair<string, object?>[] labels = [new("outcome", outcome), new("trigger", run.Trigger.ToString())];
        Runs.Add(1, labels);
        Records.Add(run.DevicesSeen + run.FindingsSeen, labels);
        if (run is { StartedAt: { } started, FinishedAt: { } finished })
        {
            Duration.Record((finished - started).TotalSeconds, labels);
        }
    }
}
