using System.Globalization;
using PatchHound.IntegrationTests.Observability;

namespace PatchHound.Benchmarks;

/// <summary>
/// Issue 16: the single-tenant scenario twice in one run, its worker first without telemetry, then tracing every job
/// and statement and exporting traces, metrics and logs over OTLP/HTTP to a local sink (a receiver in this process
/// that counts and drops). Records per second of the two first runs are compared.
/// </summary>
internal static class TelemetryOverheadScenario
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var off = await new SingleTenantScenario(options, "1 tenant, telemetry off", "otel-off", options.Devices, withReruns: false)
            .RunAsync(cancellationToken);
        await using var sink = await OtlpReceiver.StartAsync(keepBodies: false);
        var traced = new Dictionary<string, string>(options.WorkerSettings, StringComparer.Ordinal)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        var on = await new SingleTenantScenario(options with { WorkerSettings = traced }, "1 tenant, telemetry on", "otel-on", options.Devices,
            withReruns: false).RunAsync(cancellationToken);

        double RecordsPerSecond(ResultRow row) => (row.Devices + row.Findings) / row.Wall.TotalSeconds;
        var offRate = RecordsPerSecond(off[0]);
        var onRate = RecordsPerSecond(on[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Telemetry overhead, first run: {onRate:0} records/s with telemetry against {offRate:0} without: {(onRate - offRate) / offRate:+0.0%;-0.0%} (target: no worse than -5%); {sink.ReceivedBytes / 1024.0 / 1024.0:0.0} MiB of OTLP received."));
        Console.WriteLine();
        return [.. off, .. on];
    }
}
