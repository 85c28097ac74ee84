using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class ApprovalExpiryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Expires_pending_requests_past_their_deadline_with_audit_and_a_notification_to_the_requester()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var approver = await tenant.NewUserAsync(Now);
        var expired = PendingRequest(tenant, Now.AddMinutes(-1));
        var notYet = PendingRequest(tenant, Now.AddHours(1));
        var decided = PendingRequest(tenant, Now.AddDays(-1));
        decided.Deny(approver, TenantRole.TenantAdmin, Now.AddDays(-2), "no");
        await tenant.AddAsync(expired, notYet, decided);

        await using var db = tenant.Context();
        var result = await NewApprovalExpiry(db).RunAsync(CancellationToken.None);

        result.Should().Be(new ApprovalExpiryResult(RequestsExpired: 1, FindingsReopened: 0, RiskAcceptancesNotified: 0, Skipped: 0));
        var statuses = await tenant.QueryAsync(q => q.ApprovalRequests.ToDictionaryAsync(a => a.Id, a => a.Status));
        statuses.Should().Equal(new Dictionary<Guid, ApprovalStatus>
        {
            [expired.Id] = ApprovalStatus.Expired,
            [notYet.Id] = ApprovalStatus.Pending,
            [decided.Id] = ApprovalStatus.Denied,
        });
        var audit = await tenant.QueryAsync(q => q.AuditLogEntries.SingleAsync());
        (audit.Actor, audit.Action, audit.EntityId).Should().Be((SweepActors.ApprovalExpiry, "approval_request.expired", expired.Id.ToString()));
        var notification = await tenant.QueryAsync(q => q.Notifications.SingleAsync());
        (notification.DedupeKey, notification.Kind, notification.RecipientUserId)
            .Should().Be(($"approval:{expired.Id}:expired", NotificationKind.ApprovalExpired, tenant.UserId));
    }

    [Fact]
    public async Task Reopens_risk_accepted_findings_once_no_acceptance_covering_them_is_active()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var approver = await tenant.NewUserAsync(Now);
        var (device0, device1) = (tenant.DeviceIds[0], tenant.DeviceIds[1]);
        var lapsedOwn = AcceptedFinding(tenant, device1, await SweepTenant.NewVulnerabilityAsync(Database, Now));
        var stillCovered = AcceptedFinding(tenant, device0, await SweepTenant.NewVulnerabilityAsync(Database, Now));
        var active = AcceptedFinding(tenant, device1, await SweepTenant.NewVulnerabilityAsync(Database, Now));
        var revoked = AcceptedFinding(tenant, device1, await SweepTenant.NewVulnerabilityAsync(Database, Now));
        var approvals = Enumerable.Range(0, 5).Select(_ => Approved(tenant, approver)).ToList();
        var lapsedOwnAcceptance = RiskAcceptance.ForFinding(approvals[0], lapsedOwn.Id, Now.AddDays(-20), Now.AddHours(-1));
        var lapsedDevice = RiskAcceptance.ForDevice(approvals[1], device0, Now.AddDays(-20), Now.AddHours(-1));
        var activeVulnerability = RiskAcceptance.ForVulnerability(approvals[2], stillCovered.VulnerabilityId, Now.AddDays(-20), Now.AddDays(5));
        var activeOwn = RiskAcceptance.ForFinding(approvals[3], active.Id, Now.AddDays(-20), Now.AddDays(1));
        var revokedVulnerability = RiskAcceptance.ForVulnerability(approvals[4], revoked.VulnerabilityId, Now.AddDays(-20), Now.AddDays(10));
        revokedVulnerability.Revoke(Now.AddHours(-1));
        await tenant.AddAsync([lapsedOwn, stillCovered, active, revoked, .. approvals]);
        await tenant.AddAsync(lapsedOwnAcceptance, lapsedDevice, activeVulnerability, activeOwn, revokedVulnerability);

        await using var db = tenant.Context();
        var result = await NewApprovalExpiry(db).RunAsync(CancellationToken.None);

        result.Should().Be(new ApprovalExpiryResult(RequestsExpired: 0, FindingsReopened: 2, RiskAcceptancesNotified: 2, Skipped: 0));
        var statuses = await tenant.QueryAsync(q => q.Findings.ToDictionaryAsync(f => f.Id, f => f.Status));
        statuses.Should().Equal(new Dictionary<Guid, FindingStatus>
        {
            [lapsedOwn.Id] = FindingStatus.Open,
            [stillCovered.Id] = FindingStatus.RiskAccepted,
            [active.Id] = FindingStatus.RiskAccepted,
            [revoked.Id] = FindingStatus.Open,
        });
        var audits = await tenant.QueryAsync(q => q.AuditLogEntries.Select(a => new { a.Action, a.EntityId }).ToListAsync());
        audits.Should().BeEquivalentTo(new[]
        {
            new { Action = "finding.risk_acceptance_expired", EntityId = lapsedOwn.Id.ToString() },
            new { Action = "finding.risk_acceptance_expired", EntityId = revoked.Id.ToString() },
        });
        var notifications = await tenant.QueryAsync(q => q.Notifications.Select(n => new { n.DedupeKey, n.RecipientUserId }).ToListAsync());
        notifications.Should().BeEquivalentTo(new[]
        {
            new { DedupeKey = NotificationKeys.RiskAcceptanceExpired(lapsedOwnAcceptance.Id), RecipientUserId = (Guid?)tenant.UserId },
            new { DedupeKey = NotificationKeys.RiskAcceptanceExpired(revokedVulnerability.Id), RecipientUserId = (Guid?)tenant.UserId },
        });
    }

    [Fact]
    public async Task Running_again_changes_nothing_more()
    {
        var tenant = await SeedWorkAsync(requests: 3, findings: 4);
        await using (var first = tenant.Context())
        {
            (await NewApprovalExpiry(first).RunAsync(CancellationToken.None)).Should().Be(new ApprovalExpiryResult(3, 4, 1, 0));
        }

        await using var second = tenant.Context();
        (await NewApprovalExpiry(second).RunAsync(CancellationToken.None)).Should().Be(new ApprovalExpiryResult(0, 0, 0, 0));
        (await tenant.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(7);
        (await tenant.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(4);
    }

    [Fact]
    public async Task Concurrent_workers_expire_each_request_and_reopen_each_finding_exactly_once()
    {
        var tenant = await SeedWorkAsync(requests: 12, findings: 16);
        var events = new RecordedRealtimeEvents();

        var results = await Workers.RunConcurrentlyAsync(
            4, tenant.Context, db => NewApprovalExpiry(db, batchSize: 5, events).RunAsync(CancellationToken.None));

        results.Sum(r => r.RequestsExpired).Should().Be(12);
        results.Sum(r => r.FindingsReopened).Should().Be(16);
        results.Sum(r => r.RiskAcceptancesNotified).Should().Be(1);
        (await tenant.QueryAsync(q => q.ApprovalRequests.CountAsync(a => a.Status == ApprovalStatus.Expired))).Should().Be(12);
        (await tenant.QueryAsync(q => q.Findings.CountAsync(f => f.Status == FindingStatus.Open))).Should().Be(16);
        (await tenant.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(12 + 16);
        var written = await tenant.QueryAsync(q => q.Notifications.Select(n => n.Id).ToListAsync());
        written.Should().HaveCount(12 + 1);
        events.Notifications.Select(n => n.Id).Should().BeEquivalentTo(written, "only the worker that wrote a notification pushes it");
    }

    [Fact]
    public async Task Another_tenants_requests_and_acceptances_are_left_alone()
    {
        var tenantA = await SeedWorkAsync(requests: 1, findings: 1);
        var tenantB = await SeedWorkAsync(requests: 1, findings: 1);

        await using var db = tenantA.Context();
        (await NewApprovalExpiry(db).RunAsync(CancellationToken.None)).Should().Be(new ApprovalExpiryResult(1, 1, 1, 0));

        (await tenantB.QueryAsync(q => q.ApprovalRequests.CountAsync(a => a.Status == ApprovalStatus.Pending))).Should().Be(1);
        (await tenantB.QueryAsync(q => q.Findings.SingleAsync())).Status.Should().Be(FindingStatus.RiskAccepted);
        (await tenantB.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(0);
        (await tenantB.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(0);
    }

    /// <summary>Pending requests past expiry, and findings under one vulnerability-wide acceptance that lapsed.</summary>
    private async Task<SweepTenant> SeedWorkAsync(int requests, int findings)
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var approver = await tenant.NewUserAsync(Now);
        var cve = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        var accepted = Enumerable.Range(0, findings).Select(i => AcceptedFinding(tenant, tenant.DeviceIds[0], cve, $"product-{i}")).ToList();
        var approval = Approved(tenant, approver);
        var acceptance = RiskAcceptance.ForVulnerability(approval, cve, Now.AddDays(-20), Now.AddMinutes(-5));
        await tenant.AddAsync([approval, .. accepted, .. Enumerable.Range(0, requests).Select(i => PendingRequest(tenant, Now.AddMinutes(-1 - i)))]);
        await tenant.AddAsync(acceptance);
        return tenant;
    }

    private static ApprovalRequest PendingRequest(SweepTenant tenant, DateTimeOffset expiresAt) =>
        new(tenant.TenantId, ApprovalKind.Exception, tenant.UserId, TenantRole.TenantAdmin, null, null, "Need more time", expiresAt.AddDays(-7), expiresAt);

    private static ApprovalRequest Approved(SweepTenant tenant, Guid approver)
    {
        var request = new ApprovalRequest(
            tenant.TenantId, ApprovalKind.RiskAcceptance, tenant.UserId, TenantRole.TenantAdmin, null, null, "Compensating control",
            Now.AddDays(-21), Now.AddDays(30));
        request.Approve(approver, TenantRole.TenantAdmin, Now.AddDays(-20), "ok");
        return request;
    }

    private static Finding AcceptedFinding(SweepTenant tenant, Guid deviceId, string cve, string product = "openssl")
    {
        var finding = new Finding(tenant.TenantId, deviceId, cve, tenant.SourceId, product, "1.0", Now.AddDays(-30), Now.AddDays(30));
        finding.AcceptRisk();
        return finding;
    }

    private static ApprovalExpiry NewApprovalExpiry(PatchHoundDbContext db, int batchSize = 100, IRealtimeEvents? events = null) =>
        new(db, new FixedTimeProvider(Now), Options.Create(new SweepOptions { BatchSize = batchSize }), events ?? new RecordedRealtimeEvents(),
            NullLogger<ApprovalExpiry>.Instance);
}
