using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// The tenant's view of the catalog: only CVEs it has findings of, with its own counts; a CVE in the catalog that
/// only another tenant (or nobody) has is not found.
/// </summary>
public class VulnerabilitiesApiTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Fact]
    public async Task List_holds_the_tenants_cves_with_its_own_counts_most_widespread_first()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var found = await client.AllPagesAsync<VulnerabilityItem>($"/api/tenants/{fixture.TenantA.Slug}/vulnerabilities?", limit: 2);

        // 0002 and 0004 both reach three devices: the tie goes by CVE id, descending like the sort.
        found.Select(v => (v.CveId, v.FindingCount, v.OpenFindingCount, v.AffectedDeviceCount)).Should().Equal(
            ("CVE-2026-0004", 3, 3, 3),
            ("CVE-2026-0002", 3, 3, 3),
            ("CVE-2026-0001", 3, 2, 2),
            ("CVE-2026-0005", 1, 1, 1),
            ("CVE-2026-0003", 2, 0, 0));
    }

    [Theory]
    [InlineData("kev=true", "CVE-2026-0001")]
    [InlineData("affected=false", "CVE-2026-0003")]
    [InlineData("affected=true&severity=Low,None", "CVE-2026-0004,CVE-2026-0005")]
    [InlineData("minEpss=0.5", "CVE-2026-0001,CVE-2026-0002")]
    public async Task Filter_returns_exactly_the_matching_cves(string query, string expected)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var found = await client.AllPagesAsync<VulnerabilityItem>($"/api/tenants/{fixture.TenantA.Slug}/vulnerabilities?{query}", limit: 500);

        found.Select(v => v.CveId).Should().BeEquivalentTo(expected.Split(','));
    }

    [Theory]
    [InlineData("severity", "CVE-2026-0005,CVE-2026-0004,CVE-2026-0003,CVE-2026-0002,CVE-2026-0001")]
    [InlineData("-epss", "CVE-2026-0001,CVE-2026-0002,CVE-2026-0005,CVE-2026-0003,CVE-2026-0004")]
    [InlineData("cvss", "CVE-2026-0005,CVE-2026-0004,CVE-2026-0003,CVE-2026-0002,CVE-2026-0001")]
    [InlineData("affectedDevices", "CVE-2026-0003,CVE-2026-0005,CVE-2026-0001,CVE-2026-0002,CVE-2026-0004")]
    public async Task Sorts_page_through_every_cve_in_order(string sort, string expected)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var found = await client.AllPagesAsync<VulnerabilityItem>($"/api/tenants/{fixture.TenantA.Slug}/vulnerabilities?sort={sort}", limit: 1);

        found.Select(v => v.CveId).Should().Equal(expected.Split(','));
    }

    [Fact]
    public async Task Detail_shows_the_catalog_facts_and_the_tenants_exposure()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var detail = await client.GetOkAsync<JsonElement>($"/api/tenants/{fixture.TenantA.Slug}/vulnerabilities/cve-2026-0001");

        var facts = detail.GetProperty("vulnerability");
        facts.GetProperty("cveId").GetString().Should().Be("CVE-2026-0001");
        facts.GetProperty("isKnownExploited").GetBoolean().Should().BeTrue();
        facts.GetProperty("kevDueDate").GetString().Should().Be("2026-10-22");
        facts.GetProperty("cvssVector").GetString().Should().StartWith("CVSS:3.1/");
        (detail.GetProperty("findingCount").GetInt32(), detail.GetProperty("openFindingCount").GetInt32(),
            detail.GetProperty("affectedDeviceCount").GetInt32()).Should().Be((3, 2, 2));
        detail.GetProperty("firstSeenAt").GetDateTimeOffset().Should().Be(ReadApiFixture.Now.AddDays(-15));
    }

    [Theory]
    [InlineData("CVE-2026-0099")]
    [InlineData("CVE-2026-0098")]
    [InlineData("CVE-1999-0001")]
    [InlineData("not-a-cve")]
    public async Task A_cve_the_tenant_has_no_finding_of_is_not_found(string cveId)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AdminEmail);

        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/vulnerabilities/{cveId}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_tenant_that_has_a_finding_of_a_cve_sees_it()
    {
        var client = await fixture.ReaderAsync(fixture.TenantB.AuditorEmail);

        var detail = await client.GetOkAsync<JsonElement>($"/api/tenants/{fixture.TenantB.Slug}/vulnerabilities/CVE-2026-0099");

        detail.GetProperty("affectedDeviceCount").GetInt32().Should().Be(1);
    }
}
