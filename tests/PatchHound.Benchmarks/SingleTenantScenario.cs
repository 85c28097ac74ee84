namespace PatchHound.Benchmarks;

/// <summary>
/// One tenant, one worker process: a first run into empty tables, a rerun of unchanged data, and a run after one
/// simulator generation of churn (5% of findings resolved and replaced). The large-tenant scenario is the same first
/// run at ten times the size, in a fresh worker, so that its peak memory can be compared with this one.
/// </summary>
internal sealed class SingleTenantScenario(BenchmarkOptions options, string name, string slug, int devices, bool withReruns)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var scenario = $"{name} {Size.Of(devices)} / {Size.Of(devices * options.FindingsPerDevice)}";
        Console.Error.WriteLine($"{scenario}: preparing");
        await using var env = await ScenarioEnvironment.StartAsync(options);
        var warmUp = await env.AddWarmUpTenantsAsync(1);
        var tenant = await env.AddTenantAsync($"bench-{slug}", devices);
        var snapshot = await env.SnapshotAsync(tenant, cancellationToken);
        var floor = await env.FloorAsync([snapshot], cancellationToken);
        var baseline = (floor, snapshot.ReadTime);
        Console.Error.WriteLine($"{scenario}: {snapshot.Findings.Count:N0} findings paged alone in {snapshot.ReadTime.TotalSeconds:F1} s, floor {floor.TotalSeconds:F1} s");
        snapshot = null;
        GC.Collect();

        var worker = await env.StartWorkerAsync($"worker-{slug}");
        Console.Error.WriteLine($"{scenario}: worker warmed up in {(await env.WarmUpAsync(warmUp, cancellationToken)).TotalSeconds:F1} s");
        var rows = new List<ResultRow>
        {
            await RunMeasurement.MeasureAsync(env, tenant, worker, scenario, "first run", baseline, RunTimeout, cancellationToken),
        };
        if (withReruns)
        {
            rows.Add(await RunMeasurement.MeasureAsync(env, tenant, worker, scenario, "no-change rerun", baseline, RunTimeout, cancellationToken));
            await env.Runs.Simulator.AdvanceAsync(tenant.TenantId.ToString());
            rows.Add(await RunMeasurement.MeasureAsync(env, tenant, worker, scenario, "5% churn run", baseline, RunTimeout, cancellationToken));
        }

        return rows;
    }
}
