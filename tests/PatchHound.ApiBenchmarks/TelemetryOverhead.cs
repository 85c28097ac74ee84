using System.Globalization;
using PatchHound.IntegrationTests.Observability;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Issue 16: the same findings pages under the same load on two API hosts of one database, one without telemetry and
/// one tracing every request and exporting traces, metrics and logs over OTLP/HTTP to a local sink; measured in turn,
/// twice each (off, on, off, on), so drift of the shared machine falls on both.
/// </summary>
internal static class TelemetryOverhead
{
    public static async Task RunAsync(BenchmarkOptions options, BenchmarkApiFixture fixture, HttpClient off, IReadOnlyList<BenchmarkPage> pages,
        Func<Func<int, CancellationToken, Task>, Task<LatencySummary>> measure)
    {
        await using var sink = await OtlpReceiver.StartAsync(keepBodies: false);
        using var on = await fixture.SignedInClientAsync(await fixture.StartTelemetryHostAsync(sink.Endpoint), options.Clients);
        var results = new List<(string Telemetry, LatencySummary Summary)>();
        foreach (var (name, client) in new[] { ("off", off), ("on", on), ("off", off), ("on", on) })
        {
            results.Add((name, await measure(async (i, ct) =>
            {
                using var response = await client.GetAsync(pages[i % pages.Count].Url, ct);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(ct);
            })));
        }

        Console.WriteLine();
        Console.WriteLine($"Telemetry overhead, findings list, {options.Clients} clients, {options.Seconds} s per phase after {options.WarmupSeconds} s warm-up");
        Console.WriteLine();
        Console.WriteLine("| phase | telemetry | req/s | p50 ms | p95 ms | p99 ms | errors |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < results.Count; i++)
        {
            var (telemetry, s) = results[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i + 1} | {telemetry} | {s.PerSecond:0} | {s.P50:0.0} | {s.P95:0.0} | {s.P99:0.0} | {s.Errors} |"));
        }

        var offRate = results.Where(r => r.Telemetry == "off").Average(r => r.Summary.PerSecond);
        var onRate = results.Where(r => r.Telemetry == "on").Average(r => r.Summary.PerSecond);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput with telemetry: {onRate:0} req/s against {offRate:0} without: {(onRate - offRate) / offRate:+0.0%;-0.0%} (target: no worse than -5%); {sink.ReceivedBytes / 1024.0 / 1024.0:0.0} MiB of OTLP received."));
    }
}
