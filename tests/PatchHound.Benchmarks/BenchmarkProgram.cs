using System.Globalization;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.Benchmarks;

/// <summary>
/// The ingestion benchmark of issue 4 (scripts/benchmark-ingestion.sh, docs/benchmarks.md), and the sweeps of issue 13
/// (scripts/benchmark-sweeps.sh). Progress goes to stderr,
/// the result tables to stdout. Exit code 0 when every run succeeded with no duplicated run or batch, 1 otherwise,
/// 2 on bad arguments; missed time or memory targets are reported, not failed.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        var options = BenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        // The API runs in this process: its request logs would drown the progress lines.
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Error");
        var loadAtStart = LoadAverage.Read();
        var server = await PostgresServer.Instance;
        Console.Error.WriteLine($"PostgreSQL: {(server.IsExternal ? "external server (PATCHHOUND_TEST_POSTGRES)" : "throw-away local cluster")}");
        var rows = new List<ResultRow>();
        if (options.Scenarios.Contains("single"))
        {
            rows.AddRange(await new SingleTenantScenario(options, "1 tenant", "single", options.Devices, withReruns: true).RunAsync(cancel.Token));
        }

        if (options.Scenarios.Contains("telemetry"))
        {
            rows.AddRange(await TelemetryOverheadScenario.RunAsync(options, cancel.Token));
        }

        if (options.Scenarios.Contains("large"))
        {
            rows.AddRange(await new SingleTenantScenario(options, "1 large tenant", "large", options.LargeDevices, withReruns: false).RunAsync(cancel.Token));
        }

        if (options.Scenarios.Contains("delta"))
        {
            rows.AddRange(await new DeltaScenario(options).RunAsync(cancel.Token));
        }

        if (options.Scenarios.Contains("files"))
        {
            rows.AddRange(await new FilesScenario(options).RunAsync(cancel.Token));
        }

        if (options.Scenarios.Contains("many"))
        {
            rows.Add(await new ManyTenantsScenario(options).RunAsync(cancel.Token));
        }

        var sweeps = options.Scenarios.Contains("sweeps") ? await new SweepScenario(options).RunAsync(cancel.Token) : [];

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PatchHound ingestion benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {options.Describe()}"));
        Console.WriteLine($"Load average (1 min, all processes on the machine) at start {loadAtStart}, at end {LoadAverage.Read()}");
        Console.WriteLine();
        if (rows.Count > 0)
        {
            Console.WriteLine(ResultTable.Render(rows, Targets.Check(options, rows)));
        }

        if (sweeps.Count > 0)
        {
            Console.WriteLine(SweepResultTable.Render(sweeps));
        }

        var healthy = rows.All(r => r.Status == "Succeeded" && r.DuplicatedRuns == 0 && r.DuplicatedBatches == 0);
        Console.Error.WriteLine($"Worker logs: {WorkerLogs.Path}");
        Console.WriteLine(healthy ? "Every run succeeded; duplicated runs: 0, duplicated batches: 0." : "FAILED: a run did not succeed or work was duplicated (see the table).");
        return healthy ? 0 : 1;
    }
}
