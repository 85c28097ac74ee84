using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

/// <summary>
/// The documented limits, as the docs word them ("Rate limitations for this API are 30 calls per minute and 1,000
/// calls per hour", "100 calls per minute and 1,500 calls per hour"; common-errors.md: 429 with a Retry-After in
/// seconds and an error body of code, message and target), per tenant, with the simulator's defaults.
/// </summary>
public sealed class SimulatorRateLimitTests
{
    private const string TenantA = "aaaaaaaa-0000-4000-8000-0000000000a1";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-0000000000b1";
    private const string Export = "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=5";
    private const string Machines = "/api/machines?$top=1";

    private static Dictionary<string, string?> Documented() => new()
    {
        ["Simulator:RateLimits:Enabled"] = "true",
        ["Simulator:DefaultTenant:Devices"] = "2",
        ["Simulator:DefaultTenant:FindingsPerDevice"] = "1",
        ["Simulator:TokenLifetimeSeconds"] = "86400",
    };

    [Fact]
    public async Task The_31st_export_call_in_a_minute_gets_429_with_Retry_After_and_the_documented_error_body_and_other_tenants_are_not_affected()
    {
        var clock = new ShiftingTimeProvider();
        await using var simulator = await SimulatorServer.StartAsync(Documented(), clock);
        using var a = await simulator.ClientForAsync(TenantA);
        using var b = await simulator.ClientForAsync(TenantB);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 29; i++)
        {
            statuses.Add(await StatusAsync(a, Export));
        }

        // The delta export is documented with the same limit; the simulator counts both in one family.
        statuses.Add(await StatusAsync(a, $"/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}"));
        using var refused = await a.GetAsync(new Uri(Export, UriKind.Relative));

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        retryAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        error.GetProperty("code").GetString().Should().Be("TooManyRequests");
        error.GetProperty("message").GetString().Should().Contain("30 per 1 minute");
        Guid.TryParse(error.GetProperty("target").GetString(), out _).Should().BeTrue("each error carries a correlation id in target");
        (await StatusAsync(b, Export)).Should().Be(HttpStatusCode.OK, "limits are per Defender tenant");
        (await StatusAsync(a, Machines)).Should().Be(HttpStatusCode.OK, "List machines has its own limit");

        clock.Offset = retryAfter;
        (await StatusAsync(a, Export)).Should().Be(HttpStatusCode.OK, "the window admits a call again after Retry-After");
        var stats = (await simulator.StatsAsync()).GetProperty(TenantA).GetProperty("vulnerabilities");
        stats.GetProperty("throttled").GetInt64().Should().Be(1);
        stats.GetProperty("busiestWindow").GetInt64().Should().Be(31, "the refused call arrived in the same minute");
    }

    [Fact]
    public async Task The_101st_machines_call_in_a_minute_gets_429()
    {
        await using var simulator = await SimulatorServer.StartAsync(Documented());
        using var a = await simulator.ClientForAsync(TenantA);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 101; i++)
        {
            statuses.Add(await StatusAsync(a, Machines));
        }

        statuses.Take(100).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        statuses[100].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_hourly_limit_of_1000_export_calls_holds_when_every_minute_stays_within_30()
    {
        var clock = new ShiftingTimeProvider();
        await using var simulator = await SimulatorServer.StartAsync(Documented(), clock);
        using var a = await simulator.ClientForAsync(TenantA);

        var admitted = 0;
        for (var minute = 0; admitted < 1000; minute++)
        {
            clock.Offset = TimeSpan.FromSeconds(61 * minute);
            for (var i = 0; i < 30 && admitted < 1000; i++, admitted++)
            {
                (await StatusAsync(a, Export)).Should().Be(HttpStatusCode.OK, $"call {admitted + 1} in minute {minute}");
            }
        }

        clock.Offset += TimeSpan.FromSeconds(61);
        using var refused = await a.GetAsync(new Uri(Export, UriKind.Relative));

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "1,000 calls were made within the hour");
        refused.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThan(TimeSpan.FromMinutes(1), "only the first calls leaving the hour free the budget");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("1000 per 1 hour");
    }

    [Fact]
    public async Task Limits_switched_off_explicitly_never_refuse()
    {
        var settings = Documented();
        settings["Simulator:RateLimits:Enabled"] = "false";
        await using var simulator = await SimulatorServer.StartAsync(settings);
        using var a = await simulator.ClientForAsync(TenantA);

        for (var i = 0; i < 40; i++)
        {
            (await StatusAsync(a, Export)).Should().Be(HttpStatusCode.OK);
        }

        (await simulator.StatsAsync()).GetProperty(TenantA).GetProperty("vulnerabilities").GetProperty("busiestWindow").GetInt64()
            .Should().Be(40, "calls are counted per window even when nothing is refused");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return response.StatusCode;
    }
}
