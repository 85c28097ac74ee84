using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using PatchHound.IntegrationTests.Harness;
using static PatchHound.ApiBenchmarks.BenchmarkMain;

namespace PatchHound.ApiBenchmarks;

/// <summary>The figures as a Markdown table, with when, where and how they were made.</summary>
internal static class ResultTable
{
    public static async Task PrintAsync(BenchmarkOptions options, string[] args, TestDatabase database, IReadOnlyList<ResultRow> rows, LatencySummary httpFloor)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SHOW server_version", connection);
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

        Console.WriteLine();
        Console.WriteLine($"Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, PostgreSQL {await version.ExecuteScalarAsync()}; load average {LoadAverage()}");
        Console.WriteLine($"Command: scripts/benchmark-api.sh {string.Join(' ', args)}");
        Console.WriteLine($"Data: {options.Findings:N0} findings on {options.Devices:N0} devices in one tenant; proposed indexes: " +
            (options.WithProposedIndexes ? "yes" : "no"));
        Console.WriteLine($"Load: {options.Clients} closed-loop clients for {options.Seconds} s per phase, after the same load unrecorded (warm-up: at least {options.WarmupSeconds} s, then until the runtime compiles under {LoadRun.SteadyCompilesPerSecond} methods/s, at most {LoadRun.WarmupLimit.TotalSeconds} s); API and PostgreSQL share the machine.");
        Console.WriteLine("JIT-compiled: methods the runtime compiled during the measured phase; near 0 at the steady state.");
        Console.WriteLine();
        Console.WriteLine("| Scenario | Path | Requests/s | p50 ms | p95 ms | p99 ms | max ms | Errors | warm-up s | JIT-compiled |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Line(row.Scenario, "API (HTTP)", row.Api);
            Line(row.Scenario, "PostgreSQL direct", row.Sql);
            Console.WriteLine($"| {row.Scenario.Name} | ratio API / direct | {Ratio(row.Api.PerSecond, row.Sql.PerSecond)} | " +
                $"{Ratio(row.Api.P50, row.Sql.P50)} | {Ratio(row.Api.P95, row.Sql.P95)} | {Ratio(row.Api.P99, row.Sql.P99)} | | | | |");
        }

        Line(new Scenario("HTTP floor", $"GET {HttpFloorPath}"), "API (HTTP), no endpoint work, no database", httpFloor);
    }

    private static void Line(Scenario scenario, string path, LatencySummary s) =>
        Console.WriteLine($"| {scenario.Name} `{scenario.Query}` | {path} | {s.PerSecond.ToString("0", CultureInfo.InvariantCulture)} | " +
            $"{Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} | {s.Errors} | {s.WarmupSeconds.ToString("0", CultureInfo.InvariantCulture)} | {s.MethodsCompiled} |");

    private static string Ratio(double a, double b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
