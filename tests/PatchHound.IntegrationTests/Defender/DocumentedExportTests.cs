using PatchHound.IntegrationTests.Ingestion;
using PatchHound.Jobs.Ingestion;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>
/// Microsoft's own response example of the software vulnerabilities export (see Documented/README.md) goes through
/// the client, staging and merge as a real tenant's page would: its rows have no CVE, so they are installed software.
/// </summary>
public sealed class DocumentedExportTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>, IAsyncLifetime
{
    private static readonly string Example = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Defender", "Documented", "software-vulnerabilities-by-machine.json"));

    private FakeDefenderServer server = null!;

    public async Task InitializeAsync() =>
        server = await FakeDefenderServer.StartAsync(context => FakeDefenderServer.WriteJsonAsync(context, Example));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_documented_rows_read_as_inventory_with_their_signals()
    {
        var rows = (await ReadAllAsync(For(server).ReadVulnerabilitiesAsync(null, Timeout()))).SelectMany(p => p.Items).ToList();

        rows.Should().HaveCount(5).And.OnlyContain(r => r.CveId == null && r.SoftwareVendor == "microsoft"
            && r.ExploitabilityLevel == "NoExploit" && r.SecurityUpdateAvailable == true && r.RbacGroupName == "hhh");
        rows.Select(r => r.EvidenceCount).Should().Equal(0, 1, 1, 1, 0);
        rows[0].FirstSeenTimestamp.Should().Be(new DateTimeOffset(2020, 12, 30, 11, 7, 15, TimeSpan.Zero));
        rows[0].LastSeenTimestamp.Should().Be(new DateTimeOffset(2020, 12, 30, 14, 17, 26, TimeSpan.Zero));
        rows[1].RecommendationReference.Should().Be("va-_-microsoft-_-.net_framework");
    }

    [Fact]
    public async Task Undocumented_columns_of_any_shape_are_ignored_as_the_documentation_asks()
    {
        // "Some extra columns might be returned in the response. These columns are temporary and might be removed."
        const string Extra = """
            "tmpScoreV4": 9.1, "tmpFlags": [1, "two", {"three": [3]}], "tmpDetail": {"nested": {"deep": null}},
            "tmpNote": "x}{\"", "tmpNothing": null, "tmpBool": false,
            """;
        var withExtras = Example.Replace("\"id\":", Extra + "\"id\":", StringComparison.Ordinal);
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, withExtras);

        var rows = (await ReadAllAsync(For(server).ReadVulnerabilitiesAsync(null, Timeout()))).SelectMany(p => p.Items).ToList();

        withExtras.Should().Contain("tmpFlags");
        rows.Select(r => r.SoftwareName).Should().Equal("edge", ".net_framework", "system_center_2012_endpoint_protection", "onedrive", "windows_10");
        rows.Select(r => r.EvidenceCount).Should().Equal(0, 1, 1, 1, 0);
    }

    [Fact]
    public async Task The_documented_page_becomes_each_devices_installed_software_and_no_finding()
    {
        var page = (await ReadAllAsync(For(server, pageSize: 5).ReadVulnerabilitiesAsync(null, Timeout()))).Single();
        var staged = StagedPage.FromVulnerabilities(page);
        var seen = new DateTimeOffset(2020, 12, 30, 15, 0, 0, TimeSpan.Zero);
        var source = await env.NewSourceAsync(env.TenantA);
        var runId = Guid.NewGuid();

        await env.StageAsync(env.TenantA, runId, 1, page.Items.Select(r => Device(r.DeviceId, seen)).ToList(), []);
        await env.StageAsync(env.TenantA, runId, 2, [], staged.Findings, staged.Software);
        var result = await env.MergeAsync(env.TenantA, runId, source, seen);

        result.Should().BeEquivalentTo(new { DevicesAdded = 5, FindingsSeen = 0, FindingsWithoutDevice = 0, SoftwareUpserted = 5 });
        (await env.FindingsAsync(env.TenantA, source)).Should().BeEmpty();
        var software = await env.SoftwareAsync(env.TenantA, source);
        software.Select(s => (s.Vendor, s.Name, s.Version, s.EvidenceCount)).Should().Equal(
            ("microsoft", ".net_framework", "4.0.0.0", 1),
            ("microsoft", "edge", "10.0.17763.1637", 0),
            ("microsoft", "onedrive", "20.245.1206.2", 1),
            ("microsoft", "system_center_2012_endpoint_protection", "4.10.209.0", 1),
            ("microsoft", "windows_10", "10.0.17763.1637", 0));
        software.Select(s => s.DeviceId).Distinct().Should().HaveCount(5);
    }
}
