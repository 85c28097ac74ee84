using System.Net;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// Who may read: every tenant role of the tenant (the read endpoints forbid no role), nobody signed out, and nobody
/// of another tenant — who gets 404 whether they name the tenant by slug or id, as does an operator without membership.
/// </summary>
public class ReadAccessTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    private IEnumerable<string> Endpoints(string tenant) =>
    [
        $"/api/tenants/{tenant}/devices",
        $"/api/tenants/{tenant}/devices/{fixture.A.Devices["dev1"]}",
        $"/api/tenants/{tenant}/findings",
        $"/api/tenants/{tenant}/findings/{fixture.A.Findings["F1"]}",
        $"/api/tenants/{tenant}/findings/export.csv",
        $"/api/tenants/{tenant}/vulnerabilities",
        $"/api/tenants/{tenant}/vulnerabilities/CVE-2026-0001",
        $"/api/tenants/{tenant}/dashboard",
    ];

    [Theory]
    [InlineData("admin")]
    [InlineData("analyst")]
    [InlineData("auditor")]
    public async Task Every_tenant_role_reads_every_endpoint(string role)
    {
        var email = role switch
        {
            "admin" => fixture.TenantA.AdminEmail,
            "analyst" => fixture.TenantA.AnalystEmail,
            _ => fixture.TenantA.AuditorEmail,
        };
        var client = await fixture.ReaderAsync(email);

        foreach (var url in Endpoints(fixture.TenantA.Slug).Concat(Endpoints(fixture.TenantA.Id.ToString())))
        {
            using var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        }
    }

    [Fact]
    public async Task Anonymous_callers_are_unauthorized()
    {
        var client = await fixture.ReaderAsync(null);

        foreach (var url in Endpoints(fixture.TenantA.Slug))
        {
            await client.GetProblemAsync(url, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Members_of_another_tenant_find_nothing()
    {
        var client = await fixture.ReaderAsync(fixture.TenantB.AdminEmail);

        foreach (var url in Endpoints(fixture.TenantA.Slug).Concat(Endpoints(fixture.TenantA.Id.ToString())))
        {
            await client.GetProblemAsync(url, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_platform_operator_without_membership_finds_nothing()
    {
        var client = await fixture.ReaderAsync(ApiFixture.OperatorEmail);

        foreach (var url in Endpoints(fixture.TenantA.Slug))
        {
            await client.GetProblemAsync(url, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Another_tenants_ids_are_not_found_in_the_callers_own_tenant()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AdminEmail);

        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/{fixture.FindingB}", HttpStatusCode.NotFound);
        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/devices/{fixture.DeviceB}", HttpStatusCode.NotFound);
        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Finding_detail_has_its_device_and_vulnerability()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var detail = await client.GetOkAsync<System.Text.Json.JsonElement>($"/api/tenants/{fixture.TenantA.Slug}/findings/{fixture.A.Findings["F11"]}");

        detail.GetProperty("finding").GetProperty("slaState").GetString().Should().Be("Breached");
        detail.GetProperty("finding").GetProperty("productName").GetString().Should().Be("boundary-now");
        detail.GetProperty("device").GetProperty("name").GetString().Should().Be("web-01");
        detail.GetProperty("device").GetProperty("criticality").GetString().Should().Be("High");
        detail.GetProperty("vulnerability").GetProperty("cveId").GetString().Should().Be("CVE-2026-0004");
        detail.GetProperty("vulnerability").GetProperty("cvssScore").GetDecimal().Should().Be(2.0m);
    }
}
