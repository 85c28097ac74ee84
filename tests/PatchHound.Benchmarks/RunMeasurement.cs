using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Ingestion;

namespace PatchHound.Benchmarks;

/// <summary>Triggers one run through the API, waits for it and turns what it left behind into a result row.</summary>
internal static class RunMeasurement
{
    public static async Task<ResultRow> MeasureAsync(
        ScenarioEnvironment env,
        IngestionTenant tenant,
        HostProcess worker,
        string scenario,
        string run,
        (TimeSpan Floor, TimeSpan SourceRead) baseline,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var before = (await RunRecord.ForTenantsAsync(env.Database.OwnerConnectionString, [tenant.TenantId], cancellationToken)).Count;
        PeakMemory.TryReset(worker.ProcessId);
        var runId = await ScenarioEnvironment.TriggerAsync(tenant);
        var record = await env.WaitForRunAsync(tenant, runId, timeout, cancellationToken);
        var peak = PeakMemory.ReadMegabytes(worker.ProcessId);
        var timeline = await env.TimelineAsync(runId, cancellationToken);
        var after = (await RunRecord.ForTenantsAsync(env.Database.OwnerConnectionString, [tenant.TenantId], cancellationToken)).Count;
        Console.Error.WriteLine($"  {scenario}, {run}: {record.Status} in {record.Wall.TotalSeconds:F1} s");
        if (env.Options.Verbose)
        {
            foreach (var line in timeline.Describe())
            {
                Console.Error.WriteLine(line);
            }
        }

        return Row(scenario, run, record, timeline, baseline) with
        {
            PeakRssMegabytes = peak,
            DuplicatedRuns = after - before - 1,
        };
    }

    public static ResultRow Row(string scenario, string run, RunRecord record, RunTimeline timeline, (TimeSpan Floor, TimeSpan SourceRead) baseline) =>
        new()
        {
            Scenario = scenario,
            Run = run,
            Status = record.Status,
            Devices = record.DevicesSeen,
            Findings = record.FindingsSeen,
            Pages = record.PagesDone,
            Wall = record.Wall,
            Floor = baseline.Floor,
            SourceRead = baseline.SourceRead,
            Hops = timeline.Hops,
            DuplicatedBatches = timeline.DuplicatedSteps,
            JobFailures = timeline.Failures,
            FirstPickup = timeline.FirstPickup,
            BatchJobs = timeline.BatchJobsTime,
            Merge = timeline.MergeJobTime,
            FindingsNew = record.FindingsNew,
            FindingsReopened = record.FindingsReopened,
            FindingsResolved = record.FindingsResolved,
        };
}
