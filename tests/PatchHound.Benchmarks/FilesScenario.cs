using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Sources;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.Benchmarks;

/// <summary>
/// Via-files runs (ADR 0016) at two sizes against one worker: a tenant of a tenth of <c>--devices</c> (at least 200),
/// then one of <c>--devices</c>, each a full run reading the simulator's export files. The files are streamed and
/// staged in bounded chunks, so the worker's peak RSS should stay flat: the ratio large / small is printed (target
/// at most 1.2).
/// </summary>
internal sealed class FilesScenario(BenchmarkOptions options)
{
    private const int ExportFiles = 8;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var large = options.Devices;
        var small = Math.Max(200, large / 10);
        var scenario = $"1 tenant via files, {ExportFiles} files";
        Console.Error.WriteLine($"{scenario}: preparing {Size.Of(small)} and {Size.Of(large)} devices");
        await using var env = await ScenarioEnvironment.StartAsync(options, new Dictionary<string, string?>
        {
            ["Simulator:ExportFileCount"] = ExportFiles.ToString(CultureInfo.InvariantCulture),
        });
        var warmUp = await env.AddWarmUpTenantsAsync(1);
        var smallTenant = await env.AddTenantAsync("bench-files-small", small);
        var largeTenant = await env.AddTenantAsync("bench-files-large", large);
        foreach (var tenant in new[] { smallTenant, largeTenant, warmUp[0] })
        {
            await using var db = env.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
            var source = await db.SourceConfigurations.SingleAsync(s => s.Id == tenant.SourceId, cancellationToken);
            source.ChoosePullMode(SourcePullMode.Files, null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
        }

        var settings = WorkerSettings.For(options);
        settings["Defender__AllowedExportFileHosts__0"] = env.Runs.Simulator.BaseAddress.GetLeftPart(UriPartial.Authority);
        var worker = await env.Runs.StartWorkerAsync("worker-files", settings);
        await env.WarmUpAsync(warmUp, cancellationToken);
        var noFloor = (TimeSpan.Zero, TimeSpan.Zero);
        var smallRun = await RunMeasurement.MeasureAsync(env, smallTenant, worker, scenario, $"files run {Size.Of(small)} devices", noFloor, RunTimeout, cancellationToken);
        var largeRun = await RunMeasurement.MeasureAsync(env, largeTenant, worker, scenario, $"files run {Size.Of(large)} devices", noFloor, RunTimeout, cancellationToken);
        var ratio = largeRun.PeakRssMegabytes / smallRun.PeakRssMegabytes;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: worker peak RSS {smallRun.PeakRssMegabytes:F0} MiB at {small} devices, {largeRun.PeakRssMegabytes:F0} MiB at {large} devices: ratio {ratio:F2} (target ≤ 1.2)"));
        return [smallRun, largeRun with { Run = string.Create(CultureInfo.InvariantCulture, $"{largeRun.Run} (peak RSS {ratio:F2} × the small run)") }];
    }
}
