using System.Globalization;

namespace PatchHound.Benchmarks;

/// <summary>
/// Many small tenants whose sources are all due at once, served by two worker processes: the dispatcher creates a
/// scheduled run per source and both workers work through the chains. It is triggered twice, as a redelivered
/// dispatch would be; every source must still get exactly one run and every batch must run once.
/// </summary>
internal sealed class ManyTenantsScenario(BenchmarkOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    public async Task<ResultRow> RunAsync(CancellationToken cancellationToken)
    {
        var scenario = $"{options.Tenants} tenants × {Size.Of(options.TenantDevices)} / {Size.Of(options.TenantDevices * options.FindingsPerDevice)}, 2 workers";
        Console.Error.WriteLine($"{scenario}: preparing");
        await using var env = await ScenarioEnvironment.StartAsync(options);
        var warmUp = await env.AddWarmUpTenantsAsync(2);
        var tenants = new List<IntegrationTests.Ingestion.IngestionTenant>();
        var snapshots = new List<SourceSnapshot>();
        for (var i = 1; i <= options.Tenants; i++)
        {
            var tenant = await env.AddTenantAsync(string.Create(CultureInfo.InvariantCulture, $"bench-many-{i:D2}"), options.TenantDevices);
            tenants.Add(tenant);
            snapshots.Add(await env.SnapshotAsync(tenant, cancellationToken));
        }

        var floor = await env.FloorAsync(snapshots, cancellationToken);
        var sourceRead = snapshots.Aggregate(TimeSpan.Zero, (total, s) => total + s.ReadTime);
        Console.Error.WriteLine($"{scenario}: paged alone in {sourceRead.TotalSeconds:F1} s, floor {floor.TotalSeconds:F1} s");
        snapshots.Clear();

        var workers = new[] { await env.StartWorkerAsync("worker-many-1"), await env.StartWorkerAsync("worker-many-2") };
        Console.Error.WriteLine($"{scenario}: workers warmed up in {(await env.WarmUpAsync(warmUp, cancellationToken)).TotalSeconds:F1} s");
        foreach (var worker in workers)
        {
            PeakMemory.TryReset(worker.ProcessId);
        }

        var tenantIds = tenants.Select(t => t.TenantId).ToList();
        var trigger = new DispatchTrigger(env.Database);
        var started = DateTimeOffset.UtcNow;
        await trigger.TriggerAsync(TimeSpan.FromMinutes(1), cancellationToken);
        await trigger.TriggerAsync(TimeSpan.FromMinutes(1), cancellationToken);
        var runs = await RunRecord.WaitForFinishAsync(env.Database.OwnerConnectionString, tenantIds, tenants.Count, Timeout, cancellationToken);
        // A late duplicate would show up after the others finished: give it a moment.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        runs = await RunRecord.ForTenantsAsync(env.Database.OwnerConnectionString, tenantIds, cancellationToken);
        var peaks = workers.Select(w => PeakMemory.ReadMegabytes(w.ProcessId)).ToList();
        var timelines = new List<RunTimeline>();
        foreach (var run in runs)
        {
            timelines.Add(await env.TimelineAsync(run.Id, cancellationToken));
        }

        var succeeded = runs.Count(r => r.Status == "Succeeded");
        var finished = runs.Max(r => r.FinishedAt ?? DateTimeOffset.UtcNow);
        Console.Error.WriteLine($"{scenario}: {succeeded} of {runs.Count} runs succeeded in {(finished - started).TotalSeconds:F1} s");
        return new ResultRow
        {
            Scenario = scenario,
            Run = "all due at once",
            Status = succeeded == tenants.Count ? "Succeeded" : $"{succeeded} of {tenants.Count} succeeded",
            Devices = runs.Sum(r => r.DevicesSeen),
            Findings = runs.Sum(r => r.FindingsSeen),
            Pages = runs.Sum(r => r.PagesDone),
            Wall = finished - started,
            Floor = floor,
            SourceRead = sourceRead,
            Hops = timelines.SelectMany(t => t.Hops).ToList(),
            PeakRssMegabytes = peaks.Max(),
            DuplicatedRuns = runs.GroupBy(r => r.SourceId).Sum(g => g.Count() - 1),
            DuplicatedBatches = timelines.Sum(t => t.DuplicatedSteps),
            JobFailures = timelines.Sum(t => t.Failures),
            FirstPickup = timelines.Select(t => t.FirstPickup).Max(),
            BatchJobs = timelines.Aggregate(TimeSpan.Zero, (total, t) => total + t.BatchJobsTime),
            Merge = timelines.Aggregate(TimeSpan.Zero, (total, t) => total + t.MergeJobTime),
            FindingsNew = runs.Sum(r => r.FindingsNew),
            FindingsReopened = runs.Sum(r => r.FindingsReopened),
            FindingsResolved = runs.Sum(r => r.FindingsResolved),
        };
    }
}
