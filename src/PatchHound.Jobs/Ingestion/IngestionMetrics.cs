using System.Diagnostics.Metrics;
using PatchHound.Core.Ingestion;
using PatchHound.ServiceDefaults;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// Ingestion runs as an operator sees them: finished runs by outcome and trigger, their duration, and the records they
/// read (rate() of it is records per second). Never per tenant or source: a tenant's runs are read from its API.
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
