using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>The dashboard's figures for tenant A at <see cref="ReadApiFixture.Now"/>, worked out by hand from <see cref="ReadData"/>.</summary>
public class DashboardApiTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Fact]
    public async Task Open_findings_are_counted_by_severity()
    {
        var dashboard = await DashboardAsync();

        // Open: F1 F10 Critical; F2 F3 F9 High; F6 F11 F12 Low; F5 None. F4 F8 (Medium, Low) are resolved, F7 accepted.
        var open = dashboard.GetProperty("openBySeverity");
        (open.GetProperty("critical").GetInt32(), open.GetProperty("high").GetInt32(), open.GetProperty("medium").GetInt32(),
            open.GetProperty("low").GetInt32(), open.GetProperty("none").GetInt32(), open.GetProperty("total").GetInt32())
            .Should().Be((2, 3, 0, 3, 1, 9));
        dashboard.GetProperty("asOf").GetDateTimeOffset().Should().Be(ReadApiFixture.Now);
    }

    [Fact]
    public async Task Sla_breaches_and_due_soon_count_open_findings_only()
    {
        var dashboard = await DashboardAsync();

        // Breached: F1 F10 (-3 days), F11 (due exactly now); not F4 F7, past due but closed. Due soon: F2 F9 (+2), F12 (+3).
        var sla = dashboard.GetProperty("sla");
        (sla.GetProperty("breached").GetInt32(), sla.GetProperty("dueSoon").GetInt32(), sla.GetProperty("dueSoonDays").GetInt32())
            .Should().Be((3, 3, 3));
    }

    [Fact]
    public async Task Kev_exposure_counts_open_findings_and_their_devices()
    {
        var dashboard = await DashboardAsync();

        // CVE-2026-0001 is known exploited: open on dev1 (F1) and dev2 (F10); F7 on dev3 is accepted. Tenant B's is not A's.
        var kev = dashboard.GetProperty("knownExploited");
        (kev.GetProperty("openFindings").GetInt32(), kev.GetProperty("devices").GetInt32()).Should().Be((2, 2));
    }

    [Fact]
    public async Task Trend_has_thirty_utc_days_of_opened_resolved_and_open_at_end()
    {
        var dashboard = await DashboardAsync();

        var trend = dashboard.GetProperty("trend").EnumerateArray()
            .Select(d => (Day: DateOnly.Parse(d.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Opened: d.GetProperty("opened").GetInt32(), Resolved: d.GetProperty("resolved").GetInt32(), OpenAtEnd: d.GetProperty("openAtEnd").GetInt32()))
            .ToList();

        trend.Select(d => d.Day).Should().Equal(Enumerable.Range(0, 30).Select(i => new DateOnly(2026, 10, 22).AddDays(i)));
        trend.Select(d => (d.Day, d.Opened, d.Resolved, d.OpenAtEnd)).Should().Equal(ExpectedTrend());
        trend[^1].OpenAtEnd.Should().Be(9, "today's end is now: the open findings");
    }

    // Before 22 Oct: F11 F12 (open), F4 (resolved 19 Nov) and F8 (resolved 31 Oct) were open: 4.
    // Opened: 5 Nov F7 (accepted, so not open after), 10 Nov F1 F10, 15 Nov F2 F3, 17 Nov F9, 18 Nov F5, 19 Nov F6.
    // Resolved: 31 Oct F8, 19 Nov F4.
    private static IEnumerable<(DateOnly, int, int, int)> ExpectedTrend()
    {
        var opened = new Dictionary<int, int> { [5] = 1, [10] = 2, [15] = 2, [17] = 1, [18] = 1, [19] = 1 };
        var openAtEnd = 4;
        for (var day = new DateOnly(2026, 10, 22); day <= new DateOnly(2026, 11, 20); day = day.AddDays(1))
        {
            var o = day.Month == 11 ? opened.GetValueOrDefault(day.Day) : 0;
            var r = day == new DateOnly(2026, 10, 31) || day == new DateOnly(2026, 11, 19) ? 1 : 0;
            openAtEnd += (day == new DateOnly(2026, 11, 5) ? 0 : o) - r;
            yield return (day, o, r, openAtEnd);
        }
    }

    private async Task<JsonElement> DashboardAsync()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);
        return await client.GetOkAsync<JsonElement>($"/api/tenants/{fixture.TenantA.Slug}/dashboard");
    }
}
