namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// Each filter against the hand-made data set: the expected sets include rows a looser filter would drop and leave
/// out rows a wrong one would let in (past-due findings that are resolved or accepted, boundary deadlines, tenant B).
/// </summary>
public class FindingsFilterTests(ReadApiFixture fixture) : IClassFixture<ReadApiFixture>
{
    [Theory]
    [InlineData("severity=Critical", "F1,F7,F10")]
    [InlineData("severity=high,Low", "F2,F3,F9,F6,F11,F12")]
    [InlineData("severity=High&severity=None", "F2,F3,F9,F5")]
    [InlineData("status=Open", "F1,F2,F3,F5,F6,F9,F10,F11,F12")]
    [InlineData("status=Resolved,RiskAccepted", "F4,F8,F7")]
    [InlineData("kev=true", "F1,F7,F10")]
    [InlineData("kev=false", "F2,F3,F4,F5,F6,F8,F9,F11,F12")]
    [InlineData("minEpss=0.5", "F1,F2,F3,F7,F9,F10")]
    [InlineData("minEpss=0.06", "F1,F2,F3,F5,F7,F9,F10")]
    [InlineData("cveId=cve-2026-0002", "F2,F3,F9")]
    [InlineData("cveId=CVE-2026-0099", "")]
    [InlineData("slaState=Breached", "F1,F10,F11")]
    [InlineData("slaState=DueSoon", "F2,F9,F12")]
    [InlineData("slaState=WithinSla", "F3,F6")]
    [InlineData("slaState=NoSla", "F5")]
    [InlineData("slaState=Breached,NoSla&severity=Critical,None", "F1,F10,F5")]
    [InlineData("status=Open&kev=true&minEpss=0.9&severity=Critical", "F1,F10")]
    public async Task Filter_returns_exactly_the_matching_findings(string query, string labels)
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AnalystEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?{query}", limit: 500);

        var expected = labels.Length == 0 ? [] : fixture.A.FindingIds(labels.Split(','));
        found.Select(f => f.Id).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task Device_filter_returns_that_devices_findings()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AuditorEmail);

        var found = await client.AllPagesAsync<FindingItem>(
            $"/api/tenants/{fixture.TenantA.Id}/findings?deviceId={fixture.A.Devices["dev3"]}", limit: 500);

        found.Select(f => f.Id).Should().BeEquivalentTo(fixture.A.FindingIds("F6", "F7", "F9"));
        found.Should().OnlyContain(f => f.DeviceName == "lab \"printer\", floor 2");
    }

    [Fact]
    public async Task Another_tenants_device_filters_to_nothing()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AdminEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?deviceId={fixture.DeviceB}", limit: 500);

        found.Should().BeEmpty();
    }

    [Fact]
    public async Task Unfiltered_list_has_every_finding_of_the_tenant_and_none_of_another()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AdminEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?", limit: 500);

        found.Select(f => f.Id).Should().BeEquivalentTo(fixture.A.Findings.Values);
    }

    [Fact]
    public async Task Each_finding_reports_the_sla_state_of_its_deadline_and_status()
    {
        var client = await fixture.ReaderAsync(fixture.TenantA.AdminEmail);

        var found = await client.AllPagesAsync<FindingItem>($"/api/tenants/{fixture.TenantA.Slug}/findings?", limit: 500);

        var expected = new Dictionary<string, string?>
        {
            ["F1"] = "Breached",
            ["F2"] = "DueSoon",
            ["F3"] = "WithinSla",
            ["F4"] = null,
            ["F5"] = "NoSla",
            ["F6"] = "WithinSla",
            ["F7"] = null,
            ["F8"] = null,
            ["F9"] = "DueSoon",
            ["F10"] = "Breached",
            ["F11"] = "Breached",
            ["F12"] = "DueSoon",
        };
        found.ToDictionary(f => f.Id, f => f.SlaState)
            .Should().BeEquivalentTo(expected.ToDictionary(e => fixture.A.Findings[e.Key], e => e.Value));
    }
}
