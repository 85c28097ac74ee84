using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Core.Remediation;
using PatchHound.Core.Scanning;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Sweeps;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>A tenant with work due for every sweep, and the check that each effect of that work happened exactly once.</summary>
internal static class SweepWork
{
    private const int Cases = 5;
    private const int Approvals = 4;
    private const int Profiles = 2;

    public static async Task<SweepTenant> SeedAsync(TestDatabase database, DateTimeOffset now)
    {
        var tenant = await SweepTenant.CreateAsync(database, now, devices: 3);
        var cve = await SweepTenant.NewVulnerabilityAsync(database, now, Severity.High);
        var firstSeen = now.AddDays(-40);
        var breachedAt = now.AddDays(-2);
        var findings = tenant.DeviceIds.Select(d => (object)new Finding(tenant.TenantId, d, cve, tenant.SourceId, "openssl", "1.0", firstSeen, breachedAt));
        var cases = Enumerable.Range(0, Cases)
            .Select(i => (object)new RemediationCase(tenant.TenantId, $"Overdue {i}", cve, null, now.AddDays(-3), now.AddHours(-1)));
        var approvals = Enumerable.Range(0, Approvals).Select(i => (object)new ApprovalRequest(
            tenant.TenantId, ApprovalKind.Exception, tenant.UserId, TenantRole.TenantAdmin, null, null, $"Need time {i}",
            now.AddDays(-7), now.AddMinutes(-1)));
        // A yearly schedule has exactly one due slot, whatever minute the test runs in.
        var profiles = Enumerable.Range(0, Profiles)
            .Select(i => (object)new ScanProfile(tenant.TenantId, $"profile {i}", "0 0 1 1 *", [tenant.DeviceIds[0]]));
        await tenant.AddAsync([.. findings, .. cases, .. approvals, .. profiles]);
        return tenant;
    }

    public static async Task AssertEachEffectOnceAsync(SweepTenant tenant)
    {
        await using var db = tenant.Context();
        (await db.Notifications.CountAsync(n => n.DedupeKey.StartsWith("sla:CVE-"))).Should().Be(1, "one breached vulnerability, one due day");
        var escalations = await db.RemediationStageChanges.Where(c => c.ToStage == WorkflowStage.Escalated).ToListAsync();
        escalations.GroupBy(c => c.CaseId).Should().HaveCount(Cases).And.OnlyContain(g => g.Count() == 1);
        (await db.AuditLogEntries.CountAsync(a => a.Actor == SweepActors.WorkflowTimeouts)).Should().Be(Cases);
        (await db.ApprovalRequests.CountAsync(a => a.Status == ApprovalStatus.Expired)).Should().Be(Approvals);
        (await db.AuditLogEntries.CountAsync(a => a.Actor == SweepActors.ApprovalExpiry)).Should().Be(Approvals);
        (await db.Notifications.CountAsync(n => n.DedupeKey.StartsWith("approval:"))).Should().Be(Approvals);
        var scans = await db.ScanRequests.ToListAsync();
        scans.GroupBy(s => s.ScanProfileId).Should().HaveCount(Profiles).And.OnlyContain(g => g.Count() == 1);
    }
}
