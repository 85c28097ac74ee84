using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>Device list filters, sorts and paging, and the device detail's counts, against the hand-made data set.</summary>
public class DevicesApiTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Theory]
    [InlineData("name=WEB", "dev1,dev4,dev5")]
    [InlineData("name=b_0", "dev5")]
    [InlineData("name=%25", "")]
    [InlineData("os=windows11", "dev1,dev4,dev5")]
    [InlineData("os=Windows1", "")]
    [InlineData("criticality=Critical,low", "dev2,dev3")]
    [InlineData("minRiskScore=80", "dev1,dev2,dev4")]
    [InlineData("minRiskScore=80.01", "dev2")]
    [InlineData("name=web&criticality=Medium&minRiskScore=1", "dev4")]
    public async Task Filter_returns_exactly_the_matching_devices(string query, string labels)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var found = await client.AllPagesAsync<DeviceItem>($"/api/tenants/{fixture.TenantA.Slug}/devices?{query}", limit: 500);

        found.Select(d => d.Id).Should().BeEquivalentTo(labels.Length == 0 ? [] : labels.Split(',').Select(l => fixture.A.Devices[l]));
    }

    [Theory]
    [InlineData("name", "dev2,dev3,dev1,dev4,dev5")]
    [InlineData("-name", "dev5,dev4,dev1,dev3,dev2")]
    public async Task Name_sort_pages_through_every_device_in_order(string sort, string labels)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        foreach (var limit in new[] { 1, 2, 5 })
        {
            var found = await client.AllPagesAsync<DeviceItem>($"/api/tenants/{fixture.TenantA.Slug}/devices?sort={sort}", limit);

            found.Select(d => d.Id).Should().Equal(labels.Split(',').Select(l => fixture.A.Devices[l]), $"limit={limit}");
        }
    }

    [Theory]
    [InlineData("riskScore")]
    [InlineData("-riskScore")]
    [InlineData("lastSeen")]
    [InlineData("-lastSeen")]
    public async Task Sorts_with_ties_page_through_every_device_once_by_key_then_id(string sort)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);
        var descending = sort.StartsWith('-');

        foreach (var limit in new[] { 1, 2, 3 })
        {
            var found = await client.AllPagesAsync<DeviceItem>($"/api/tenants/{fixture.TenantA.Slug}/devices?sort={sort}", limit);

            // dev1 and dev4 share a risk score; every device was last seen at the same instant.
            found.Select(d => d.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(fixture.A.Devices.Values);
            var ordered = found
                .OrderBy(d => sort.EndsWith("riskScore", StringComparison.Ordinal) ? d.RiskScore : d.LastSeenAt.UtcTicks)
                .ThenBy(d => d.Id.ToString(), StringComparer.Ordinal)
                .ToList();
            found.Should().Equal(descending ? Enumerable.Reverse(ordered) : ordered, $"limit={limit}");
        }
    }

    [Fact]
    public async Task Default_order_is_the_most_exposed_first_with_open_finding_counts()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var found = await client.GetOkAsync<TestPage<DeviceItem>>($"/api/tenants/{fixture.TenantA.Slug}/devices");

        found.Items.Select(d => (d.Name, d.RiskScore, d.OpenFindingCount)).Should().StartWith(("db-01", 95m, 4));
        found.Items.Single(d => d.Name == "web-01").OpenFindingCount.Should().Be(3);
        found.Items.Single(d => d.Name.StartsWith("lab", StringComparison.Ordinal)).OpenFindingCount.Should().Be(2);
        found.Items.Single(d => d.Name == "web_03").OpenFindingCount.Should().Be(0);
        found.Items.Should().HaveCount(5).And.NotContain(d => d.Id == fixture.DeviceB);
    }

    [Fact]
    public async Task Detail_counts_the_devices_open_findings_by_severity_kev_and_breach()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var detail = await client.GetOkAsync<JsonElement>($"/api/tenants/{fixture.TenantA.Slug}/devices/{fixture.A.Devices["dev1"]}");

        // dev1: F1 Critical KEV breached, F2 High due soon, F11 Low due exactly now (breached); F8 is resolved.
        detail.GetProperty("device").GetProperty("name").GetString().Should().Be("web-01");
        detail.GetProperty("device").GetProperty("openFindingCount").GetInt32().Should().Be(3);
        var open = detail.GetProperty("openFindings");
        (open.GetProperty("critical").GetInt32(), open.GetProperty("high").GetInt32(), open.GetProperty("medium").GetInt32(),
            open.GetProperty("low").GetInt32(), open.GetProperty("none").GetInt32(), open.GetProperty("total").GetInt32())
            .Should().Be((1, 1, 0, 1, 0, 3));
        detail.GetProperty("openKnownExploited").GetInt32().Should().Be(1);
        detail.GetProperty("slaBreached").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Another_tenants_device_is_not_found()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AdminEmail);

        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/devices/{fixture.DeviceB}", HttpStatusCode.NotFound);
        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/devices/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}
