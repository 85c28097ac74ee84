using System.Net;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>The CSV export: same filters and order as the list, RFC 4180 quoting, spreadsheet formulas defused.</summary>
public class FindingsExportTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Fact]
    public async Task Export_is_an_attachment_with_the_lists_rows_in_the_lists_order()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);
        var listed = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?status=Open&sort=-severity", limit: 3);

        using var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv?status=Open&sort=-severity");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().Be("findings-20261120T120000Z.csv");
        var records = CsvText.Parse(await response.Content.ReadAsStringAsync());
        records[0].Should().Equal(
            "id", "cveId", "title", "severity", "cvssScore", "epssScore", "isKnownExploited", "deviceId", "deviceName",
            "productName", "productVersion", "status", "slaState", "slaDueAt", "firstSeenAt", "lastSeenAt", "resolvedAt", "reopenCount",
            "sourceSeverity", "sourceCvssScore", "exploitabilityLevel", "securityUpdateAvailable", "recommendedSecurityUpdate",
            "recommendedSecurityUpdateId", "recommendedSecurityUpdateUrl", "recommendationReference");
        records.Skip(1).Select(r => Guid.Parse(r[0])).Should().Equal(listed.Select(f => f.Id));
        records.Skip(1).Should().OnlyContain(r => r.Length == records[0].Length && r[11] == "Open");
    }

    [Fact]
    public async Task Fields_with_commas_quotes_and_line_breaks_round_trip()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var body = await client.GetStringAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv?deviceId={fixture.A.Devices["dev3"]}&sort=firstSeen");

        body.Should().Contain("\"lab \"\"printer\"\", floor 2\"");
        body.Should().Contain("\"excel, \"\"quoted\"\"\nline\"");
        var rows = CsvText.Parse(body).Skip(1).ToDictionary(r => Guid.Parse(r[0]));
        rows[fixture.A.Findings["F6"]][9].Should().Be("excel, \"quoted\"\nline");
        rows.Values.Should().OnlyContain(r => r[8] == "lab \"printer\", floor 2");
    }

    [Theory]
    [InlineData("F7", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("F8", "'+sum")]
    [InlineData("F9", "'-minus")]
    [InlineData("F10", "'@at")]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote(string label, string expected)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var body = await client.GetStringAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv");

        var row = CsvText.Parse(body).Single(r => r[0] == fixture.A.Findings[label].ToString());
        row[9].Should().Be(expected);
    }

    [Fact]
    public async Task Export_values_are_invariant_and_empty_when_absent()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var body = await client.GetStringAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv?cveId=CVE-2026-0005");

        var row = CsvText.Parse(body).Skip(1).Single();
        row[1..8].Should().Equal("CVE-2026-0005", "None", "None", string.Empty, "0.20000", "false", fixture.A.Devices["dev2"].ToString());
        row[12..18].Should().Equal("NoSla", string.Empty, "2026-11-18T12:00:00Z", "2026-11-18T12:00:00Z", string.Empty, "0");
        row[18..].Should().OnlyContain(field => field.Length == 0, "its source reported no signals").And.HaveCount(8);
    }

    [Fact]
    public async Task Export_refuses_bad_filters_before_writing_anything()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var problem = await client.GetProblemAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv?severity=Urgent", HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("severity").EnumerateArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Export_holds_only_the_callers_tenant()
    {
        var client = await fixture.ReaderAsync(fixture.TenantB.AdminEmail);

        var body = await client.GetStringAsync($"/api/tenants/{fixture.TenantB.Slug}/findings/export.csv");

        var ids = CsvText.Parse(body).Skip(1).Select(r => Guid.Parse(r[0])).ToList();
        ids.Should().HaveCount(2).And.Contain(fixture.FindingB).And.NotContain(fixture.A.Findings.Values);
    }
}
