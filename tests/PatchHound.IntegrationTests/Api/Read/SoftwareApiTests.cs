using System.Net;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// The installed-software lists against the fixture's inventory: dev1 has openssl 3.0.1, nginx 1.25 and edge 120;
/// dev2 nginx 1.24 and 1.25; dev3 edge 121; tenant B's device openssl 1.1 and b-product. Open findings of a product
/// are the findings of its name on the devices that have it installed (F1 openssl on dev1; F2, F3 nginx on dev1, dev2).
/// </summary>
public class SoftwareApiTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    private string Tenant => fixture.TenantA.Slug;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    public async Task Products_page_in_vendor_and_name_order_with_installs_versions_and_open_findings(int limit)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var products = await client.AllPagesAsync<ProductItem>($"/api/tenants/{Tenant}/software?", limit);

        products.Should().Equal(
            new ProductItem("microsoft", "edge", 2, 2, 0),
            new ProductItem("nginx", "nginx", 2, 2, 2),
            new ProductItem("openssl", "openssl", 1, 1, 1));
    }

    [Theory]
    [InlineData("name=GIN", "nginx")]
    [InlineData("vendor=Microsoft", "edge")]
    [InlineData("name=%25", "")]
    [InlineData("name=b-product", "")]
    public async Task Product_filters_match_by_part_of_the_name_or_the_exact_vendor(string query, string names)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var products = await client.AllPagesAsync<ProductItem>($"/api/tenants/{Tenant}/software?{query}", 50);

        products.Select(p => p.Name).Should().Equal(names.Length == 0 ? [] : names.Split(','));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_devices_software_pages_by_vendor_name_and_version_with_its_open_findings(int limit)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var dev1 = await client.AllPagesAsync<SoftwareItem>($"/api/tenants/{Tenant}/devices/{fixture.A.Devices["dev1"]}/software?", limit);
        var dev2 = await client.AllPagesAsync<SoftwareItem>($"/api/tenants/{Tenant}/devices/{fixture.A.Devices["dev2"]}/software?", limit);

        dev1.Select(s => (s.Name, s.Version, s.OpenFindings)).Should().Equal(("edge", "120", 0), ("nginx", "1.25", 1), ("openssl", "3.0.1", 1));
        dev2.Select(s => (s.Name, s.Version, s.OpenFindings)).Should().Equal(("nginx", "1.24", 1), ("nginx", "1.25", 1));
        (await client.AllPagesAsync<SoftwareItem>($"/api/tenants/{Tenant}/devices/{fixture.A.Devices["dev4"]}/software?", limit))
            .Should().BeEmpty();
    }

    [Fact]
    public async Task Another_tenants_device_or_an_unknown_one_is_not_found()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        await client.GetProblemAsync($"/api/tenants/{Tenant}/devices/{fixture.DeviceB}/software", HttpStatusCode.NotFound);
        await client.GetProblemAsync($"/api/tenants/{Tenant}/devices/{Guid.NewGuid()}/software", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cursor_that_does_not_decode_is_a_client_error()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        await client.GetProblemAsync($"/api/tenants/{Tenant}/software?cursor=not-a-cursor", HttpStatusCode.BadRequest);
        await client.GetProblemAsync(
            $"/api/tenants/{Tenant}/devices/{fixture.A.Devices["dev1"]}/software?cursor=not-a-cursor", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_name_longer_than_the_column_names_the_field()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var problem = await client.GetProblemAsync($"/api/tenants/{Tenant}/software?name={new string('x', 257)}", HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
    }

    private sealed record ProductItem(string Vendor, string Name, int Installs, int Versions, int OpenFindings);

    private sealed record SoftwareItem(Guid Id, string Vendor, string Name, string Version, int EvidenceCount, int OpenFindings);
}
