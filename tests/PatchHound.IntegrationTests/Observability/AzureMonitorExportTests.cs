using System.Net;
using System.Text;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;
using PatchHound.IntegrationTests.Observability.Otlp;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>With APPLICATIONINSIGHTS_CONNECTION_STRING and OTLP both set, the API host exports to both, and no secret to either.</summary>
public sealed class AzureMonitorExportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_request_reaches_Azure_Monitor_and_the_OTLP_collector_at_once_without_the_database_password()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var azure = await AzureMonitorReceiver.StartAsync();
        var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = azure.ConnectionString,
        });
        (await api.CreateClient().GetAsync("/api/tenants/acme/findings")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await api.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Disposing the host flushes both exporters.
        await api.DisposeAsync();

        await Eventually.HoldsAsync(() => azure.Bodies.Any(b => b.Contains("\"RequestData\"", StringComparison.Ordinal)
            && b.Contains("/api/tenants/acme/findings", StringComparison.Ordinal)), "Azure Monitor received the request");
        await Eventually.HoldsAsync(() => collector.Spans().Any(s => s.Kind == SpanKind.Server && s["url.path"] == "/api/tenants/acme/findings"),
            "the OTLP collector received it too");
        var requests = collector.Spans().Where(s => s.Kind == SpanKind.Server).ToList();
        requests.Should().OnlyHaveUniqueItems(s => s.SpanId, "two exporters, one span each");
        requests.Should().NotContain(s => s["url.path"] == "/health/ready", "health probes stay filtered with the distro");

        foreach (var secret in new[] { Harness.SchemaSetup.AppPassword })
        {
            azure.Bodies.Should().NotContain(b => b.Contains(secret, StringComparison.Ordinal));
            collector.AllBodies().Should().NotContain(b => Contains(b, secret));
        }
    }

    private static bool Contains(byte[] body, string value) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
