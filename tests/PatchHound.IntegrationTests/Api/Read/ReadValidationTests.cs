using System.Net;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>Query parameters that do not parse or are out of range: 400 ProblemDetails naming the field, never 500.</summary>
public class ReadValidationTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Theory]
    [InlineData("findings?severity=Urgent", "severity")]
    [InlineData("findings?severity=1", "severity")]
    [InlineData("findings?status=Closed", "status")]
    [InlineData("findings?slaState=Late", "slaState")]
    [InlineData("findings?sort=price", "sort")]
    [InlineData("findings?sort=--dueAt", "sort")]
    [InlineData("findings?cveId=CVE-26-1", "cveId")]
    [InlineData("findings?minEpss=1.5", "minEpss")]
    [InlineData("findings/export.csv?sort=-nope", "sort")]
    [InlineData("devices?criticality=Extreme", "criticality")]
    [InlineData("devices?minRiskScore=101", "minRiskScore")]
    [InlineData("devices?sort=os", "sort")]
    [InlineData("vulnerabilities?severity=Huge", "severity")]
    [InlineData("vulnerabilities?minEpss=-0.1", "minEpss")]
    [InlineData("vulnerabilities?sort=title", "sort")]
    public async Task Invalid_values_are_field_errors(string path, string field)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var problem = await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/{path}", HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().Contain(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("name", 201)]
    [InlineData("os", 65)]
    public async Task An_oversized_text_filter_is_a_field_error(string field, int length)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var problem = await client.GetProblemAsync(
            $"/api/tenants/{fixture.TenantA.Slug}/devices?{field}={new string('x', length)}", HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Theory]
    [InlineData("findings?kev=maybe")]
    [InlineData("findings?minEpss=lots")]
    [InlineData("findings?deviceId=42")]
    [InlineData("findings?limit=ten")]
    [InlineData("devices?cursor=%7B%7D")]
    [InlineData("vulnerabilities?cursor=eyJzb3J0IjoiLUFmZmVjdGVkRGV2aWNlcyIsImtleSI6M30")]
    public async Task Values_of_the_wrong_type_are_bad_requests(string path)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/{path}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Limits_beyond_the_maximum_are_capped()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var page = await client.GetOkAsync<TestPage<FindingItem>>($"/api/tenants/{fixture.TenantA.Slug}/findings?limit=100000");

        page.Items.Should().HaveCount(12);
        page.NextCursor.Should().BeNull();
    }
}
