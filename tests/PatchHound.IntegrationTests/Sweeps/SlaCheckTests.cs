using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Core.Findings;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class SlaCheckTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Notifies_breached_and_due_soon_findings_once_per_vulnerability_and_due_day()
    {
        var (tenant, seeded) = await SeedAsync();

        await using var db = tenant.Context();
        var events = new RecordedRealtimeEvents();
        var result = await NewSlaCheck(db, events).RunAsync(CancellationToken.None);

        result.Should().Be(new SlaCheckResult(FindingsDueSoon: 1, FindingsBreached: 2, CasesDueSoon: 1, CasesBreached: 1));
        var notifications = await tenant.QueryAsync(q => q.Notifications.ToListAsync());
        events.Notifications.Should().BeEquivalentTo(notifications, "each written notification is pushed, as written");
        notifications.Select(n => (n.DedupeKey, n.Kind, n.RecipientUserId)).Should().BeEquivalentTo(new[]
        {
            ($"sla:{seeded.Spread}:2026-02-28:breached", NotificationKind.SlaBreached, (Guid?)null),
            ($"sla:{seeded.Spread}:2026-02-26:breached", NotificationKind.SlaBreached, null),
            ($"sla:{seeded.DueSoon}:2026-03-03:due-soon", NotificationKind.SlaDueSoon, null),
            ($"sla:case:{seeded.CaseDueSoon}:Triage:2026-03-02T12:00:00Z:due-soon", NotificationKind.SlaDueSoon, tenant.UserId),
            ($"sla:case:{seeded.CaseInVerification}:Verification:2026-03-01T11:00:00Z:breached", NotificationKind.SlaBreached, null),
        });

        notifications.Should().OnlyContain(n => n.Id.Version == 7, "set-based inserts make time-ordered ids like Ids.New");

        using var payload = JsonDocument.Parse(notifications.Single(n => n.DedupeKey.EndsWith("2026-02-28:breached", StringComparison.Ordinal)).Payload);
        payload.RootElement.GetProperty("vulnerabilityId").GetString().Should().Be(seeded.Spread);
        payload.RootElement.GetProperty("findingCount").GetInt32().Should().Be(2);
        payload.RootElement.GetProperty("deviceCount").GetInt32().Should().Be(2);
        payload.RootElement.GetProperty("severity").GetString().Should().Be("High");
    }

    [Fact]
    public async Task Running_again_creates_nothing_more()
    {
        var (tenant, _) = await SeedAsync();
        await using (var first = tenant.Context())
        {
            (await NewSlaCheck(first).RunAsync(CancellationToken.None)).Total.Should().Be(5);
        }

        await using var second = tenant.Context();
        var result = await NewSlaCheck(second).RunAsync(CancellationToken.None);

        result.Total.Should().Be(0);
        (await tenant.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(5);
    }

    [Fact]
    public async Task Concurrent_workers_create_each_notification_exactly_once()
    {
        var (tenant, _) = await SeedAsync();
        var events = new RecordedRealtimeEvents();

        var results = await Workers.RunConcurrentlyAsync(4, tenant.Context, db => NewSlaCheck(db, events).RunAsync(CancellationToken.None));

        results.Sum(r => r.Total).Should().Be(5);
        var written = await tenant.QueryAsync(q => q.Notifications.Select(n => n.Id).ToListAsync());
        written.Should().HaveCount(5);
        events.Notifications.Select(n => n.Id).Should().BeEquivalentTo(written, "only the worker that wrote a notification pushes it");
    }

    [Fact]
    public async Task Another_tenants_findings_are_neither_seen_nor_notified()
    {
        var (tenantA, _) = await SeedAsync();
        var (tenantB, _) = await SeedAsync();

        await using (var db = tenantA.Context())
        {
            await NewSlaCheck(db).RunAsync(CancellationToken.None);
        }

        (await tenantB.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(0);
        await using var dbB = tenantB.Context();
        (await NewSlaCheck(dbB).RunAsync(CancellationToken.None)).Total.Should().Be(5, "tenant B's own check still finds its own");
    }

    [Fact]
    public async Task Ten_thousand_breached_findings_become_one_notification_per_vulnerability()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now, devices: 200);
        var cves = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            cves.Add(await SweepTenant.NewVulnerabilityAsync(Database, Now));
        }

        await tenant.AddAsync([.. from cve in cves from device in tenant.DeviceIds select NewFinding(tenant, device, cve, Now.AddHours(-1))]);

        await using var db = tenant.Context();
        var result = await NewSlaCheck(db).RunAsync(CancellationToken.None);

        result.FindingsBreached.Should().Be(50);
        var payloads = await tenant.QueryAsync(q => q.Notifications.Select(n => n.Payload).ToListAsync());
        payloads.Should().HaveCount(50).And.OnlyContain(p => JsonDocument.Parse(p, default).RootElement.GetProperty("findingCount").GetInt32() == 200);
    }

    [Fact]
    public async Task A_cve_no_feed_rated_yet_is_notified_with_the_worst_severity_the_tenants_own_source_gave_it()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var unrated = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        await tenant.AddAsync(
            NewFinding(tenant, tenant.DeviceIds[0], unrated, Now.AddDays(-1)),
            NewFinding(tenant, tenant.DeviceIds[1], unrated, Now.AddDays(-1)));
        await using (var owner = new NpgsqlConnection(Database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var update = new NpgsqlCommand(
                """
                UPDATE vulnerabilities SET severity = 'None' WHERE id = @cve;
                UPDATE findings SET source_severity = CASE device_id WHEN @first THEN 'Low' ELSE 'Critical' END WHERE vulnerability_id = @cve;
                """, owner);
            update.Parameters.AddWithValue("cve", unrated);
            update.Parameters.AddWithValue("first", tenant.DeviceIds[0]);
            await update.ExecuteNonQueryAsync();
        }

        await using var db = tenant.Context();
        await NewSlaCheck(db).RunAsync(CancellationToken.None);

        var notification = await tenant.QueryAsync(q => q.Notifications.SingleAsync(n => n.DedupeKey.StartsWith($"sla:{unrated}:")));
        using var payload = JsonDocument.Parse(notification.Payload);
        payload.RootElement.GetProperty("severity").GetString().Should().Be("Critical", "the catalog says None until a feed rates it (ADR 0010)");
        payload.RootElement.GetProperty("findingCount").GetInt32().Should().Be(2, "one notification for the CVE and due day, whatever the severities");
    }

    private static SlaCheck NewSlaCheck(PatchHoundDbContext db, IRealtimeEvents? events = null) =>
        new(db, new FixedTimeProvider(Now), Options.Create(new SweepOptions { SlaDueSoonDays = 3 }), events ?? new RecordedRealtimeEvents(),
            NullLogger<SlaCheck>.Instance);

    private static Finding NewFinding(SweepTenant tenant, Guid deviceId, string cve, DateTimeOffset? due, string product = "openssl") =>
        new(tenant.TenantId, deviceId, cve, tenant.SourceId, product, "1.0", Now.AddDays(-30), due);

    private async Task<(SweepTenant Tenant, Seeded Seeded)> SeedAsync()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var (device0, device1) = (tenant.DeviceIds[0], tenant.DeviceIds[1]);
        var spread = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        var dueSoon = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        var later = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        var fixedOne = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        var noSla = await SweepTenant.NewVulnerabilityAsync(Database, Now);

        var resolved = NewFinding(tenant, device0, fixedOne, Now.AddDays(-5));
        resolved.Resolve(Now.AddDays(-6));

        var caseDueSoon = new RemediationCase(tenant.TenantId, "Due tomorrow", null, null, Now.AddDays(-1), Now.AddDays(1));
        caseDueSoon.Assign(tenant.UserId, Now.AddDays(-1));
        var caseInVerification = new RemediationCase(tenant.TenantId, "Verify", null, null, Now.AddDays(-3), Now.AddDays(-2));
        caseInVerification.MoveTo(WorkflowStage.Remediation, Now.AddDays(-3), Now.AddDays(-2), "alice");
        caseInVerification.MoveTo(WorkflowStage.Verification, Now.AddDays(-2), Now.AddHours(-1), "alice");
        var caseToEscalate = new RemediationCase(tenant.TenantId, "Escalation's job", null, null, Now.AddDays(-3), Now.AddHours(-1));
        var caseLater = new RemediationCase(tenant.TenantId, "Plenty of time", null, null, Now, Now.AddDays(10));

        await tenant.AddAsync(
            NewFinding(tenant, device0, spread, Now.AddDays(-1)),
            NewFinding(tenant, device1, spread, Now.AddDays(-1).AddHours(2)),
            NewFinding(tenant, device0, spread, Now.AddDays(-3), product: "libssl"),
            NewFinding(tenant, device0, dueSoon, Now.AddDays(2)),
            NewFinding(tenant, device0, later, Now.AddDays(10)),
            resolved,
            NewFinding(tenant, device1, noSla, due: null),
            caseDueSoon,
            caseInVerification,
            caseToEscalate,
            caseLater);
        return (tenant, new Seeded(spread, dueSoon, caseDueSoon.Id, caseInVerification.Id));
    }

    private sealed record Seeded(string Spread, string DueSoon, Guid CaseDueSoon, Guid CaseInVerification);
}
