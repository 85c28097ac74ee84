using System.Text.RegularExpressions;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Sweeps;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>
/// A cluster of thousands of idle tenants and a few with work due: the sweeps open a tenant scope only for the due
/// ones, and with two workers each due tenant's effects still happen exactly once.
/// </summary>
public sealed partial class ManyIdleTenantsSweepTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Idle = 2_000;
    private const int Due = 3;
    private const int Runs = 4;

    [Fact]
    public async Task Sweeps_open_tenant_scopes_only_for_due_tenants_and_do_each_effect_once_with_two_workers()
    {
        var now = DateTimeOffset.UtcNow;
        var idle = await IdleTenants.CreateAsync(fixture.Database, Idle, now);
        var due = new List<SweepTenant>();
        for (var i = 0; i < Due; i++)
        {
            due.Add(await SweepWork.SeedAsync(fixture.Database, now));
        }

        await using var workers = await TwoWorkers.StartAsync(fixture.Database);
        var batches = await workers.RunSweepsAsync(Runs);

        var dueIds = due.Select(t => t.TenantId).ToHashSet();
        batches.SelectMany(b => b.TenantIds).Should().OnlyContain(id => dueIds.Contains(id), "only due tenants are fanned out");
        // Each tenant scope a sweep opens logs "<sweep> tenant <id>: <result>" (TenantSweepRunner).
        var scopes = TenantScopeLine().Matches(workers.Output).Select(m => (Sweep: m.Groups[1].Value, Tenant: Guid.Parse(m.Groups[2].Value))).ToList();
        scopes.Select(s => s.Tenant).Should().OnlyContain(id => dueIds.Contains(id), "no idle tenant's scope is opened")
            .And.Contain(dueIds);
        scopes.Select(s => s.Tenant).Should().NotContain(idle);
        scopes.Select(s => s.Sweep).Distinct().Should().BeEquivalentTo(["sla-check", "workflow-timeouts", "approval-expiry", "scan-scheduler"]);
        foreach (var tenant in due)
        {
            await SweepWork.AssertEachEffectOnceAsync(tenant);
        }
    }

    [GeneratedRegex(@"\b(sla-check|workflow-timeouts|approval-expiry|scan-scheduler)""? tenant ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):")]
    private static partial Regex TenantScopeLine();
}
