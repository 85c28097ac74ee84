using System.Net;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// The filters the inventory pages added to the REST lists (they share the parameter records): devices by machine
/// group, tag, open findings and installed software; vulnerabilities by text; findings by product.
/// </summary>
public class InventoryFilterApiTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    private string Tenant => fixture.TenantA.Slug;

    [Theory]
    [InlineData("rbacGroup=the-a-team", "dev1")]
    [InlineData("rbacGroup=The-A", "")]
    [InlineData("hasOpenFindings=true", "dev1,dev2,dev3")]
    [InlineData("hasOpenFindings=false", "dev4,dev5")]
    [InlineData("software=nginx", "dev1,dev2")]
    [InlineData("software=edge&softwareVendor=Microsoft", "dev1,dev3")]
    [InlineData("software=edge&softwareVendor=nginx", "")]
    [InlineData("software=b-product", "")]
    [InlineData("hasOpenFindings=true&software=edge", "dev1,dev3")]
    public async Task Device_filters_return_exactly_the_matching_devices(string query, string labels)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<DeviceItem>($"/api/tenants/{Tenant}/devices?{query}", limit: 2);

        found.Select(d => d.Id).Should().BeEquivalentTo(labels.Length == 0 ? [] : labels.Split(',').Select(l => fixture.A.Devices[l]));
    }

    [Fact]
    public async Task The_tag_filter_matches_a_whole_tag()
    {
        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE devices SET tags = ARRAY['pci', 'dmz'] WHERE id = {fixture.A.Devices["dev4"]}");
        }

        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        (await client.AllPagesAsync<DeviceItem>($"/api/tenants/{Tenant}/devices?tag=dmz", limit: 50)).Select(d => d.Id)
            .Should().Equal(fixture.A.Devices["dev4"]);
        (await client.AllPagesAsync<DeviceItem>($"/api/tenants/{Tenant}/devices?tag=dm", limit: 50)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("text=no%20epss", "CVE-2026-0004")]
    [InlineData("text=2026-000", "CVE-2026-0001,CVE-2026-0002,CVE-2026-0003,CVE-2026-0004,CVE-2026-0005")]
    [InlineData("text=only%20tenant%20B", "")]
    [InlineData("text=%25", "")]
    public async Task Vulnerability_text_matches_part_of_the_id_or_title_of_the_tenants_cves_only(string query, string cves)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<VulnerabilityItem>($"/api/tenants/{Tenant}/vulnerabilities?{query}", limit: 2);

        found.Select(v => v.CveId).Should().BeEquivalentTo(cves.Length == 0 ? [] : cves.Split(','));
    }

    [Fact]
    public async Task Findings_filter_by_exact_product_name()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var nginx = await client.AllPagesAsync<FindingItem>($"/api/tenants/{Tenant}/findings?product=nginx", limit: 1);
        var partial = await client.AllPagesAsync<FindingItem>($"/api/tenants/{Tenant}/findings?product=ngin", limit: 50);

        nginx.Select(f => f.Id).Should().BeEquivalentTo(fixture.A.FindingIds("F2", "F3"));
        partial.Should().BeEmpty();
    }

    [Theory]
    [InlineData("devices?rbacGroup=", 0)]
    [InlineData("devices?hasOpenFindings=maybe", 400)]
    public async Task Bad_or_empty_filter_values_are_answered_as_the_api_does(string pathAndQuery, int status)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var response = await client.GetAsync($"/api/tenants/{Tenant}/{pathAndQuery}");

        response.StatusCode.Should().Be(status == 0 ? HttpStatusCode.OK : (HttpStatusCode)status);
    }

    [Fact]
    public async Task Over_long_filter_values_name_their_field()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);
        var longText = new string('x', 300);

        await client.GetProblemAsync($"/api/tenants/{Tenant}/devices?tag={longText}", HttpStatusCode.BadRequest);
        await client.GetProblemAsync($"/api/tenants/{Tenant}/devices?software={longText}", HttpStatusCode.BadRequest);
        await client.GetProblemAsync($"/api/tenants/{Tenant}/vulnerabilities?text={longText}", HttpStatusCode.BadRequest);
        await client.GetProblemAsync($"/api/tenants/{Tenant}/findings?product={longText}", HttpStatusCode.BadRequest);
    }
}
