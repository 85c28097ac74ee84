using Hangfire;
using Hangfire.States;
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
using PatchHound.Jobs.Sweeps;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>Every recurring sweep run many times at once by two worker processes: each effect happens exactly once.</summary>
public sealed class TwoWorkerSweepTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Runs = 12;
    private const int Cases = 5;
    private const int Approvals = 4;
    private const int Profiles = 2;

    [Fact]
    public async Task Two_workers_running_every_sweep_many_times_produce_each_effect_exactly_once()
    {
        var now = DateTimeOffset.UtcNow;
        var tenants = new[] { await SeedAsync(now), await SeedAsync(now) };
        var environment = WorkerEnvironment.For(fixture.Database, new Dictionary<string, string?>
        {
            ["Jobs__Workers__critical"] = "3",
            ["Jobs__Workers__default"] = "3",
        });
        await using var first = await HostProcess.StartAsync("worker-1", "PatchHound.Worker.dll", environment);
        await using var second = await HostProcess.StartAsync("worker-2", "PatchHound.Worker.dll", environment);
        var jobs = new TestJobStorage(fixture.Database);

        var ids = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            ids.Add(jobs.Client.Create<SlaCheckJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState("critical")));
            ids.Add(jobs.Client.Create<WorkflowTimeoutsJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState("critical")));
            ids.Add(jobs.Client.Create<ApprovalExpiryJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState("critical")));
            ids.Add(jobs.Client.Create<ScanSchedulerJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState("default")));
        }

        foreach (var id in ids)
        {
            (await jobs.WaitForAnyStateAsync(id, [SucceededState.StateName, DeletedState.StateName, FailedState.StateName], TimeSpan.FromSeconds(90)))
                .Should().BeOneOf([SucceededState.StateName, DeletedState.StateName], first.Output + second.Output);
        }

        // The sweeps' effects happen in the batch jobs they fanned out.
        (await new FannedOutJobs(fixture.Database).WaitForAllAsync(TimeSpan.FromSeconds(90)))
            .Should().NotBeEmpty().And.OnlyContain(j => j.State == SucceededState.StateName, first.Output + second.Output);

        foreach (var tenant in tenants)
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

    private async Task<SweepTenant> SeedAsync(DateTimeOffset now)
    {
        var tenant = await SweepTenant.CreateAsync(fixture.Database, now, devices: 3);
        var cve = await SweepTenant.NewVulnerabilityAsync(fixture.Database, now, Severity.High);
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
}
