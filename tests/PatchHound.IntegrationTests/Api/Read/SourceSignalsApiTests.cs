using System.Net;
using System.Net.Http.Json;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>The source's signals on findings and devices, as the lists, the detail and the export show them (ADR 0010).</summary>
public class SourceSignalsApiTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Theory]
    [InlineData("exploitability=ExploitIsPublic", "F2")]
    [InlineData("exploitability=exploitisinkit,ExploitIsPublic", "F2,F3")]
    [InlineData("exploitability=NoExploit", "")]
    [InlineData("exploitability=ExploitIsInKit&status=Open&severity=High", "F3")]
    public async Task Exploitability_filter_returns_exactly_the_matching_findings(string query, string labels)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?{query}", limit: 500);

        found.Select(f => f.Id).Should().BeEquivalentTo(labels.Length == 0 ? [] : fixture.A.FindingIds(labels.Split(',')));
    }

    [Fact]
    public async Task An_unknown_exploitability_level_is_a_validation_problem()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        using var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/findings?exploitability=Rumoured");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("exploitability");
    }

    [Fact]
    public async Task A_listed_finding_shows_the_sources_word_next_to_the_catalogs()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<SignalItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?cveId=CVE-2026-0002", limit: 500);

        found.Single(f => f.Id == fixture.A.Findings["F2"]).Should().BeEquivalentTo(new SignalItem(
            fixture.A.Findings["F2"], "High", 7.5m, "Critical", 8.8m, "ExploitIsPublic", true, "November 2026 Security Updates",
            "KB5046617", "https://support.microsoft.com/help/5046617", "va-_-nginx-_-nginx"),
            "the catalog's rating wins once enrichment gave one; the source's is shown beside it");
        found.Single(f => f.Id == fixture.A.Findings["F9"]).Should().BeEquivalentTo(new SignalItem(
            fixture.A.Findings["F9"], "High", 7.5m, null, null, null, null, null, null, null, null));
    }

    [Fact]
    public async Task The_finding_detail_and_the_export_carry_the_signals()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);
        var id = fixture.A.Findings["F2"];

        var detail = await client.GetFromJsonAsync<DetailItem>($"/api/tenants/{fixture.TenantA.Slug}/findings/{id}");
        var csv = CsvText.Parse(await client.GetStringAsync($"/api/tenants/{fixture.TenantA.Slug}/findings/export.csv?cveId=CVE-2026-0002"));

        detail!.Finding.Should().BeEquivalentTo(new { ExploitabilityLevel = "ExploitIsPublic", SourceSeverity = "Critical", RecommendedSecurityUpdateId = "KB5046617" });
        var header = csv[0].ToList();
        var row = csv.Single(r => r[0] == id.ToString());
        row[header.IndexOf("sourceSeverity")].Should().Be("Critical");
        row[header.IndexOf("sourceCvssScore")].Should().Be("8.8");
        row[header.IndexOf("exploitabilityLevel")].Should().Be("ExploitIsPublic");
        row[header.IndexOf("securityUpdateAvailable")].Should().Be("true");
        row[header.IndexOf("recommendedSecurityUpdateUrl")].Should().Be("https://support.microsoft.com/help/5046617");
        csv.Single(r => r[0] == fixture.A.Findings["F3"].ToString())[header.IndexOf("securityUpdateAvailable")].Should().Be("false");
    }

    [Fact]
    public async Task Devices_show_their_machine_fields_in_the_list_and_the_detail()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);
        var expected = new
        {
            RbacGroupId = "140",
            RbacGroupName = "The-A-Team",
            AadDeviceId = "80fe8ff8-2624-418e-9591-41f0491218f9",
            IsAadJoined = (bool?)true,
            DeviceValue = "High",
            OnboardingStatus = "onboarded",
            LastIpAddress = "172.17.230.209",
            OsArchitecture = "64-bit",
        };

        var listed = await client.AllPagesAsync<MachineItem>($"/api/tenants/{fixture.TenantA.Slug}/devices?sort=name", limit: 500);
        var detail = await client.GetFromJsonAsync<DeviceDetailItem>($"/api/tenants/{fixture.TenantA.Slug}/devices/{fixture.A.Devices["dev1"]}");

        listed.Single(d => d.Id == fixture.A.Devices["dev1"]).Should().BeEquivalentTo(expected);
        detail!.Device.Should().BeEquivalentTo(expected);
        listed.Single(d => d.Id == fixture.A.Devices["dev2"]).Should().BeEquivalentTo(new MachineItem(
            fixture.A.Devices["dev2"], null, null, null, null, null, null, null, null));
    }

    private sealed record SignalItem(
        Guid Id, string Severity, decimal? CvssScore, string? SourceSeverity, decimal? SourceCvssScore, string? ExploitabilityLevel,
        bool? SecurityUpdateAvailable, string? RecommendedSecurityUpdate, string? RecommendedSecurityUpdateId,
        string? RecommendedSecurityUpdateUrl, string? RecommendationReference);

    private sealed record DetailItem(SignalItem Finding);

    private sealed record MachineItem(
        Guid Id, string? RbacGroupId, string? RbacGroupName, string? AadDeviceId, bool? IsAadJoined, string? DeviceValue,
        string? OnboardingStatus, string? LastIpAddress, string? OsArchitecture);

    private sealed record DeviceDetailItem(MachineItem Device);
}
