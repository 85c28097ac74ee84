using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ai;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Remediation;
using PatchHound.Core.Scanning;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>The due-tenant queries across tenants: exactly the tenants with work due, through the audited platform path.</summary>
public sealed class DueTenantsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Each_sweep_finds_exactly_its_due_tenants_among_thousands_of_idle_ones()
    {
        await IdleTenants.CreateAsync(Database, 2_000, Now);
        var notDue = await SeedNotDueAsync();
        var overdueCase = await WithAsync(t => [new RemediationCase(t.TenantId, "overdue", null, null, Now.AddDays(-3), Now.AddMinutes(-1))]);
        var expiredApproval = await WithAsync(t => [Pending(t, Now.AddMinutes(-1))]);
        var lapsedAcceptance = await SeedLapsedAcceptanceAsync();
        var newProfile = await WithAsync(t => [new ScanProfile(t.TenantId, "new", "0 * * * *", [t.DeviceIds[0]])]);
        var newSource = await WithAsync(t => [Source(t)]);
        var stranded = await SeedStrandedRunAsync();
        var breachedFinding = await SeedBreachedFindingAsync();
        var pendingAiRequest = await WithAsync(t => [new AiRemediationRequest(t.TenantId, null, null, "fix it", Now.AddMinutes(-1))]);
        var staleAiClaim = await WithAsync(t => [Claimed(t, Now.AddMinutes(-6))]);
        var suspended = await WithAsync(t => [Pending(t, Now.AddMinutes(-1))]);
        await using (var db = Database.AppContext())
        {
            (await db.Tenants.SingleAsync(t => t.Id == suspended.TenantId)).Suspend();
            await db.SaveChangesAsync();
        }

        var due = await QueryAllAsync();

        due[nameof(DueTenants.WorkflowTimeoutsAsync)].Should().Equal(overdueCase.TenantId);
        due[nameof(DueTenants.ApprovalExpiryAsync)].Should().BeEquivalentTo([expiredApproval.TenantId, lapsedAcceptance.TenantId]);
        due[nameof(DueTenants.ScanSchedulerAsync)].Should().Equal(newProfile.TenantId);
        due[nameof(DueTenants.IngestionDispatchAsync)].Should().BeEquivalentTo([newSource.TenantId, stranded.TenantId]);
        due[nameof(DueTenants.SlaCheckAsync)].Should().BeEquivalentTo([breachedFinding.TenantId, overdueCase.TenantId]);
        due[nameof(DueTenants.AiRemediationAsync)].Should().BeEquivalentTo([pendingAiRequest.TenantId, staleAiClaim.TenantId]);
        due.Where(d => d.Key != nameof(DueTenants.RetentionAsync)).SelectMany(d => d.Value).Should().NotContain([notDue.TenantId, suspended.TenantId]);
        due[nameof(DueTenants.RetentionAsync)].Should().Contain([notDue.TenantId, overdueCase.TenantId], "every active tenant's history ages")
            .And.NotContain(suspended.TenantId);
    }

    /// <summary>A tenant with work of every kind that is not due yet, or no longer.</summary>
    private async Task<SweepTenant> SeedNotDueAsync()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var profile = new ScanProfile(tenant.TenantId, "scheduled", "0 * * * *", [tenant.DeviceIds[0]]);
        var source = Source(tenant);
        await tenant.AddAsync(
            new RemediationCase(tenant.TenantId, "later", null, null, Now.AddDays(-1), Now.AddDays(5)),
            Pending(tenant, Now.AddHours(1)),
            profile,
            source,
            IngestionRun.Manual(tenant.TenantId, source.Id, Now.AddMinutes(-1)),
            await AcceptedFindingAsync(tenant, Now.AddDays(40)),
            Claimed(tenant, Now.AddMinutes(-1)),
            Completed(tenant));
        await using var db = tenant.Context();
        await db.ScanProfiles.ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSlotAt, Now.AddMinutes(30)));
        await db.SourceConfigurations.Where(s => s.Id == source.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSlotAt, Now.AddMinutes(30)));
        return tenant;
    }

    private async Task<SweepTenant> SeedLapsedAcceptanceAsync()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var finding = await AcceptedFindingAsync(tenant, Now.AddDays(40));
        var approval = Approved(tenant, await tenant.NewUserAsync(Now));
        await tenant.AddAsync(finding, approval);
        await tenant.AddAsync(RiskAcceptance.ForFinding(approval, finding.Id, Now.AddDays(-20), Now.AddHours(-1)));
        return tenant;
    }

    private async Task<SweepTenant> SeedStrandedRunAsync()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync(IngestionRun.Manual(tenant.TenantId, tenant.SourceId, Now.AddMinutes(-10)));
        return tenant;
    }

    private async Task<SweepTenant> SeedBreachedFindingAsync()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var cve = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        await tenant.AddAsync(new Finding(tenant.TenantId, tenant.DeviceIds[0], cve, tenant.SourceId, "openssl", "1.0", Now.AddDays(-40), Now.AddDays(-2)));
        return tenant;
    }

    private async Task<SweepTenant> WithAsync(Func<SweepTenant, object[]> entities)
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync(entities(tenant));
        return tenant;
    }

    private async Task<Dictionary<string, IReadOnlyList<Guid>>> QueryAllAsync()
    {
        await using var scope = DueTenantsScope();
        var due = scope.Due;
        return new Dictionary<string, IReadOnlyList<Guid>>
        {
            [nameof(DueTenants.WorkflowTimeoutsAsync)] = await due.WorkflowTimeoutsAsync(CancellationToken.None),
            [nameof(DueTenants.ApprovalExpiryAsync)] = await due.ApprovalExpiryAsync(CancellationToken.None),
            [nameof(DueTenants.ScanSchedulerAsync)] = await due.ScanSchedulerAsync(CancellationToken.None),
            [nameof(DueTenants.IngestionDispatchAsync)] = await due.IngestionDispatchAsync(CancellationToken.None),
            [nameof(DueTenants.SlaCheckAsync)] = await due.SlaCheckAsync(CancellationToken.None),
            [nameof(DueTenants.AiRemediationAsync)] = await due.AiRemediationAsync(TimeSpan.FromMinutes(5), CancellationToken.None),
            [nameof(DueTenants.RetentionAsync)] = await due.RetentionAsync(CancellationToken.None),
        };
    }

    private DueTenantsScope DueTenantsScope() => new(Database.AppContext(), Now);

    private async Task<Finding> AcceptedFindingAsync(SweepTenant tenant, DateTimeOffset slaDueAt)
    {
        var cve = await SweepTenant.NewVulnerabilityAsync(Database, Now);
        var finding = new Finding(tenant.TenantId, tenant.DeviceIds[0], cve, tenant.SourceId, "openssl", "1.0", Now.AddDays(-30), slaDueAt);
        finding.AcceptRisk();
        return finding;
    }

    private static SourceConfiguration Source(SweepTenant tenant) =>
        new(tenant.TenantId, SourceKind.Simulator, "scheduled", "0 * * * *", "http://127.0.0.1:5090", credentialReference: null, Now.AddDays(-1));

    private static AiRemediationRequest Claimed(SweepTenant tenant, DateTimeOffset claimedAt)
    {
        var request = new AiRemediationRequest(tenant.TenantId, null, null, "fix it", claimedAt.AddMinutes(-1));
        request.Claim("worker-1", claimedAt);
        return request;
    }

    private static AiRemediationRequest Completed(SweepTenant tenant)
    {
        var request = Claimed(tenant, Now.AddHours(-2));
        request.Complete("patch it", Now.AddHours(-2));
        return request;
    }

    private static ApprovalRequest Pending(SweepTenant tenant, DateTimeOffset expiresAt) =>
        new(tenant.TenantId, ApprovalKind.Exception, tenant.UserId, TenantRole.TenantAdmin, null, null, "Need more time", expiresAt.AddDays(-7), expiresAt);

    private static ApprovalRequest Approved(SweepTenant tenant, Guid approver)
    {
        var request = new ApprovalRequest(
            tenant.TenantId, ApprovalKind.RiskAcceptance, tenant.UserId, TenantRole.TenantAdmin, null, null, "Compensating control",
            Now.AddDays(-21), Now.AddDays(30));
        request.Approve(approver, TenantRole.TenantAdmin, Now.AddDays(-20), "ok");
        return request;
    }
}
