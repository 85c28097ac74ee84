using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Ingestion;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>The ingestion environment (API in process, worker processes, simulator) exporting all signals to one receiver.</summary>
internal static class TracedEnvironment
{
    public static Dictionary<string, string?> OtlpSettings(OtlpReceiver collector, string separator) => new()
    {
        [$"OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
        [$"OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Export within a second, so a test waits for telemetry, not for the SDK's batching.
        [$"OTEL_BSP_SCHEDULE_DELAY"] = "200",
        [$"OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        [$"Serilog{separator}MinimumLevel{separator}Default"] = "Information",
    };

    public static async Task<IngestionRunEnvironment> StartAsync(TestDatabase database, OtlpReceiver collector, int devices) =>
        await IngestionRunEnvironment.StartAsync(database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "4",
        }, OtlpSettings(collector, ":"));

    public static Task<HostProcess> StartWorkerAsync(IngestionRunEnvironment env, OtlpReceiver collector, string name,
        IReadOnlyDictionary<string, string?>? overrides = null) =>
        env.StartWorkerAsync(name, OtlpSettings(collector, "__").Concat(overrides ?? new Dictionary<string, string?>())
            .ToDictionary(pair => pair.Key, pair => pair.Value));
}
