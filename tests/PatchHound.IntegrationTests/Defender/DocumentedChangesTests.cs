using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Core.Findings;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.IntegrationTests.Enrichment;
using PatchHound.IntegrationTests.Ingestion;
using PatchHound.Jobs.Ingestion;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>
/// Microsoft's response example of the delta export (Documented/README.md) read by the client, staged as a delta and
/// merged: it resolves only what it reports Fixed, and a key the delta lists twice (an RBAC move) ends the same
/// whichever order the rows come in.
/// </summary>
public sealed class DocumentedChangesTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>, IAsyncLifetime
{
    private const string Firefox = "01aa8c73065bb12345918693f3f94ce322107d24";
    private const string Chrome = "038df381234510d357ac19b0113ef922e4e212b3";
    private static readonly DateTimeOffset Seen = new(2021, 1, 6, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = new(2021, 5, 19, 18, 35, 49, 924, TimeSpan.Zero);

    private static readonly string Example = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Defender", "Documented", "software-vulnerability-changes-by-machine.json"));

    private FakeDefenderServer server = null!;

    public async Task InitializeAsync() =>
        server = await FakeDefenderServer.StartAsync(context => FakeDefenderServer.WriteJsonAsync(context, Example));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_documented_delta_rows_read_with_their_status_and_event_time()
    {
        var rows = (await ReadAllAsync(For(server, pageSize: 5).ReadVulnerabilityChangesAsync(Since, null, 1, Timeout())))
            .SelectMany(p => p.Items).ToList();

        rows.Should().HaveCount(5).And.OnlyContain(r => r.Status == "Fixed"
            && r.EventTimestamp == new DateTimeOffset(2020, 11, 3, 10, 13, 34, TimeSpan.Zero).AddTicks(8_476_880));
        rows.Where(r => r.CveId != null).Select(r => (r.DeviceId, r.CveId, r.SoftwareVersion)).Should().Equal(
            (Firefox, "CVE-2020-26971", "83.0.0.0"), (Chrome, "CVE-2020-16011", "81.0.4044.138"));
        server.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be(
            "/api/machines/SoftwareVulnerabilityChangesByMachine?pageSize=5&sinceTime=2021-05-19T18%3A35%3A49.924Z",
            "the documented request: pageSize and sinceTime in ISO 8601");
    }

    [Fact]
    public async Task The_documented_delta_resolves_what_it_reports_fixed_and_nothing_it_does_not_mention()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, Seen, [Device(Firefox, Seen), Device(Chrome, Seen)],
            [Finding(Firefox, "CVE-2020-26971", Seen, product: "firefox", version: "83.0.0.0"),
             Finding(Chrome, "CVE-2020-16011", Seen, product: "chrome", version: "81.0.4044.138"),
             Finding(Chrome, "CVE-2021-21166", Seen, product: "chrome", version: "81.0.4044.138")],
            [Software(Firefox, "firefox", "83.0.0.0", Seen, vendor: "mozilla"), Software(Chrome, "chrome", "81.0.4044.138", Seen, vendor: "google"),
             Software(Chrome, "notepad++", "8.1", Seen, vendor: "notepad++")]);

        var result = await DeltaAsync(env.TenantA, source, [Device(Firefox, Seen), Device(Chrome, Seen)], await DocumentedPageAsync());

        result.FindingsResolved.Should().Be(2);
        var findings = await env.FindingsAsync(env.TenantA, source);
        findings.Where(f => f.Status == FindingStatus.Open).Select(f => f.VulnerabilityId).Should().Equal(["CVE-2021-21166"],
            "a delta never resolves by absence");
        var software = await env.SoftwareAsync(env.TenantA, source);
        software.Select(s => s.Name).Should().BeEquivalentTo(["chrome", "notepad++"],
            "firefox 83 was reported Fixed and has no open CVE left; chrome 81 still has one, notepad++ was not mentioned");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task A_device_moving_between_rbac_groups_keeps_its_finding_whatever_the_order_of_its_two_rows(bool fixedFirst, bool acrossBatches)
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var at = Seen.AddDays(1);
        await env.RunAsync(env.TenantA, source, Seen, [Device(Chrome, Seen)],
            [Finding(Chrome, "CVE-2020-16011", Seen, product: "chrome", version: "81.0.4044.138")]);
        var moved = Finding(Chrome, "CVE-2020-16011", at, product: "chrome", version: "81.0.4044.138");
        StagedFindingRow[] rows = [moved with { ChangeStatus = "Fixed", EventAt = at }, moved with { ChangeStatus = "New", EventAt = at }];
        if (!fixedFirst)
        {
            Array.Reverse(rows);
        }

        var runId = Guid.NewGuid();
        await StageChangesAsync(env.TenantA, runId, 1, [Device(Chrome, at)], [], []);
        if (acrossBatches)
        {
            await StageChangesAsync(env.TenantA, runId, 2, [], [rows[0]], []);
            await StageChangesAsync(env.TenantA, runId, 3, [], [rows[1]], []);
        }
        else
        {
            await StageChangesAsync(env.TenantA, runId, 2, [], rows, []);
        }

        var result = await MergeDeltaAsync(env.TenantA, runId, source, at);

        result.FindingsResolved.Should().Be(0);
        (await env.FindingsAsync(env.TenantA, source)).Should().ContainSingle().Which.Status.Should().Be(FindingStatus.Open);
    }

    [Fact]
    public async Task A_later_fixed_event_wins_over_an_earlier_new_one_of_the_same_finding()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        await env.RunAsync(env.TenantA, source, Seen, [Device(Chrome, Seen)], []);
        var row = Finding(Chrome, "CVE-2020-16011", Seen, product: "chrome", version: "81.0.4044.138");
        var runId = Guid.NewGuid();
        await StageChangesAsync(env.TenantA, runId, 1, [Device(Chrome, Seen)], [], []);
        await StageChangesAsync(env.TenantA, runId, 2, [], [row with { ChangeStatus = "Fixed", EventAt = Seen.AddHours(7) }], []);
        await StageChangesAsync(env.TenantA, runId, 3, [], [row with { ChangeStatus = "New", EventAt = Seen.AddHours(1) }], []);

        var result = await MergeDeltaAsync(env.TenantA, runId, source, Seen.AddHours(8));

        result.FindingsNew.Should().Be(0, "the finding came and went within the delta's window");
        (await env.FindingsAsync(env.TenantA, source)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_delta_of_one_tenant_leaves_another_tenants_same_devices_and_findings_alone()
    {
        var sourceA = await env.NewSourceAsync(env.TenantA);
        var sourceB = await env.NewSourceAsync(env.TenantB);
        IReadOnlyList<StagedFindingRow> findings =
            [Finding(Firefox, "CVE-2020-26971", Seen, product: "firefox", version: "83.0.0.0"),
             Finding(Chrome, "CVE-2020-16011", Seen, product: "chrome", version: "81.0.4044.138")];
        await env.RunAsync(env.TenantA, sourceA, Seen, [Device(Firefox, Seen), Device(Chrome, Seen)], findings);
        await env.RunAsync(env.TenantB, sourceB, Seen, [Device(Firefox, Seen), Device(Chrome, Seen)], findings);

        await DeltaAsync(env.TenantA, sourceA, [Device(Firefox, Seen), Device(Chrome, Seen)], await DocumentedPageAsync());

        (await env.FindingsAsync(env.TenantA, sourceA)).Should().OnlyContain(f => f.Status == FindingStatus.Resolved);
        (await env.FindingsAsync(env.TenantB, sourceB)).Should().HaveCount(2).And.OnlyContain(f => f.Status == FindingStatus.Open);
    }

    private async Task<StagedPage> DocumentedPageAsync() =>
        StagedPage.FromVulnerabilities(
            (await ReadAllAsync(For(server, pageSize: 5).ReadVulnerabilityChangesAsync(Since, null, 1, Timeout()))).Single(), changes: true);

    private async Task<MergeResult> DeltaAsync(Guid tenantId, Guid sourceId, IReadOnlyList<StagedDeviceRow> devices, StagedPage page)
    {
        var runId = Guid.NewGuid();
        await StageChangesAsync(tenantId, runId, 1, devices, [], []);
        await StageChangesAsync(tenantId, runId, 2, [], page.Findings, page.Software);
        return await MergeDeltaAsync(tenantId, runId, sourceId, Seen.AddDays(2));
    }

    private async Task StageChangesAsync(Guid tenantId, Guid runId, int batch, IReadOnlyList<StagedDeviceRow> devices,
        IReadOnlyList<StagedFindingRow> findings, IReadOnlyList<StagedSoftwareRow> software)
    {
        await using var db = env.Context(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await new StagingWriter(db).WriteAsync(runId, batch, devices, findings, software, changes: true, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<MergeResult> MergeDeltaAsync(Guid tenantId, Guid runId, Guid sourceId, DateTimeOffset now)
    {
        await using var db = env.Context(tenantId);
        return await new IngestionMerge(db, new FixedTimeProvider(now), NullLogger<IngestionMerge>.Instance)
            .MergeAsync(runId, sourceId, IngestionPullMode.Delta, CancellationToken.None);
    }
}
