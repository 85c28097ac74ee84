using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorFaultTests
{
    private const string TenantA = "aaaaaaaa-0000-4000-8000-00000000000a";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-00000000000b";

    [Fact]
    public async Task Every_nth_request_is_throttled_with_retry_after_and_counted()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(TenantA);
        await simulator.SetFaultsAsync(new { kind = "TooManyRequests", everyNth = 2, retryAfterSeconds = 7 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
            }
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        var stats = await simulator.StatsAsync();
        stats.GetProperty(TenantA).GetProperty("machines").GetProperty("throttled").GetInt64().Should().Be(2);
        stats.GetProperty(TenantA).GetProperty("machines").GetProperty("requests").GetInt64().Should().Be(4);
    }

    [Fact]
    public async Task Endless_throttling_stops_only_when_the_fault_is_cleared()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(TenantA);
        await simulator.SetFaultsAsync(new { kind = "TooManyRequests" });

        for (var i = 0; i < 5; i++)
        {
            using var throttled = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));
            throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }

        (await simulator.Client.DeleteAsync(new Uri("/_sim/faults", UriKind.Relative))).EnsureSuccessStatusCode();
        using var served = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));
        served.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fault_on_page_3_of_one_tenant_leaves_its_other_pages_and_other_tenants_healthy()
    {
        await using var simulator = await SimulatorServer.StartAsync(SimulatorPagingTests.Settings(devices: 20, findings: 2, TenantA));
        using var a = await simulator.ClientForAsync(TenantA);
        using var b = await simulator.ClientForAsync(TenantB);
        await simulator.SetFaultsAsync(new { kind = "ServerError", tenant = TenantA, endpoint = "machines", page = 3, statusCode = 503 });

        var pages = new List<HttpStatusCode>();
        for (string? url = "/api/machines?$top=5"; url is not null && pages.Count < 3;)
        {
            using var response = await a.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
            pages.Add(response.StatusCode);
            url = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("@odata.nextLink").GetString() : null;
        }

        pages.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        (await ODataPage.GetAllAsync(b, "/api/machines?$top=5")).Should().HaveCount(4);
        (await ODataPage.GetAllAsync(a, "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=5")).Should().HaveCount(8);
    }

    [Fact]
    public async Task A_fault_limited_in_times_lets_a_retrying_client_through()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(TenantA);
        await simulator.SetFaultsAsync(new { kind = "ServerError", times = 2, statusCode = 500 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Configured_faults_are_armed_at_start_and_again_after_reset()
    {
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:Faults:0:Kind"] = "Forbidden",
            ["Simulator:Faults:0:Tenant"] = TenantA,
        });
        using var a = await simulator.ClientForAsync(TenantA);

        (await a.GetAsync(new Uri("/api/machines", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await simulator.SetFaultsAsync(new { kind = "Unauthorized", tenant = TenantA });
        (await a.GetAsync(new Uri("/api/machines", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await simulator.Client.PostAsync(new Uri("/_sim/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await a.GetAsync(new Uri("/api/machines", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Latency_delays_the_page_and_the_token_endpoint_can_be_throttled()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(TenantA);
        await simulator.SetFaultsAsync(
            new { kind = "Latency", latencyMs = 400 },
            new { kind = "TooManyRequests", endpoint = "token", retryAfterSeconds = 3 });

        var watch = Stopwatch.StartNew();
        using var page = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));
        watch.Stop();
        using var token = await simulator.RequestTokenAsync(TenantA);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400));
        token.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        token.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task An_invalid_fault_is_refused()
    {
        await using var simulator = await SimulatorServer.StartAsync();

        using var response = await simulator.Client.PostAsJsonAsync("/_sim/faults", new { rules = new[] { new { kind = "ServerError", statusCode = 200 } } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
