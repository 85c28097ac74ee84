using System.Globalization;

namespace PatchHound.Benchmarks;

/// <summary>
/// Full run against delta run (ADR 0016) on the single-tenant size with 2% of findings changing per generation: a
/// first full run, then one generation later a full run, then one generation later a delta run of the same source.
/// The ratio of the delta's wall time to the full run's is printed on stderr and in the delta row's name.
/// </summary>
internal sealed class DeltaScenario(BenchmarkOptions options)
{
    private const int ChurnPercent = 2;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var devices = options.Devices;
        var scenario = $"1 tenant, {ChurnPercent}% change {Size.Of(devices)} / {Size.Of(devices * options.FindingsPerDevice)}";
        Console.Error.WriteLine($"{scenario}: preparing");
        await using var env = await ScenarioEnvironment.StartAsync(options);
        var warmUp = await env.AddWarmUpTenantsAsync(1);
        var tenant = await env.AddTenantAsync("bench-delta", devices, churnPercent: ChurnPercent);
        var snapshot = await env.SnapshotAsync(tenant, cancellationToken);
        var baseline = (await env.FloorAsync([snapshot], cancellationToken), snapshot.ReadTime);
        snapshot = null;
        GC.Collect();

        var worker = await env.StartWorkerAsync("worker-delta");
        await env.WarmUpAsync(warmUp, cancellationToken);
        var first = await RunMeasurement.MeasureAsync(env, tenant, worker, scenario, "first run (full)", baseline, RunTimeout, cancellationToken);
        await env.Runs.Simulator.AdvanceAsync(tenant.TenantId.ToString());
        var full = await RunMeasurement.MeasureAsync(env, tenant, worker, scenario, "full run", baseline, RunTimeout, cancellationToken);
        await env.Runs.Simulator.AdvanceAsync(tenant.TenantId.ToString());
        await env.SetFullRunIntervalAsync(tenant, 7, cancellationToken);
        var delta = await RunMeasurement.MeasureAsync(env, tenant, worker, scenario, "delta run", baseline, RunTimeout, cancellationToken);
        var ratio = delta.Wall / full.Wall;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: delta run {delta.Wall.TotalSeconds:F1} s, full run {full.Wall.TotalSeconds:F1} s: ratio {ratio:F3}"));
        return [first, full, delta with { Run = string.Create(CultureInfo.InvariantCulture, $"delta run ({ratio:F3} × the full run)") }];
    }
}
