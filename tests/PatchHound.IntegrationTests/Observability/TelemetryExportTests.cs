using System.Text;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>The API host exports its traces over OTLP/HTTP when the standard OTEL_* settings point at a collector.</summary>
public sealed class TelemetryExportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_request_reaches_the_collector_as_a_trace_of_patchhound_api_with_its_route()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        (await api.CreateClient().GetAsync("/api/tenants/acme/findings")).StatusCode.Should().NotBe(System.Net.HttpStatusCode.OK);

        // Disposing the host flushes its batch exporter.
        await api.DisposeAsync();

        await Eventually.HoldsAsync(
            () => collector.Bodies("/v1/traces").Any(body => Contains(body, "patchhound-api") && Contains(body, "/api/tenants/acme/findings")),
            "a trace export names the service and the request path");
        collector.Bodies("/v1/traces").Should().NotContain(body => Contains(body, "patchhound-worker"));
    }

    // OTLP protobuf stores strings as raw UTF-8, so a string value is found in the bytes as they are.
    private static bool Contains(byte[] body, string value) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
