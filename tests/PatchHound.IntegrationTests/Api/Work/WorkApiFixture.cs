using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>
/// The API fixture plus what the operational endpoints work on: two catalog CVEs, and in each tenant two devices
/// with an open finding of <see cref="Cve"/> on each and one of <see cref="OtherCve"/> on the first.
/// </summary>
public class WorkApiFixture : ApiFixture
{
    public const string Cve = "CVE-2024-11111";
    public const string OtherCve = "CVE-2024-22222";

    public WorkTenant A { get; private set; } = null!;

    public WorkTenant B { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = Database.AppContext())
        {
            db.Vulnerabilities.AddRange(
                new Vulnerability(Cve, "Remote code execution", Severity.Critical, now),
                new Vulnerability(OtherCve, "Information disclosure", Severity.Medium, now));
            await db.SaveChangesAsync();
        }

        A = await SeedAsync(TenantA, now);
        B = await SeedAsync(TenantB, now);
    }

    public PatchHoundDbContext Context(WorkTenant tenant) => Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id));

    public async Task<T> QueryAsync<T>(WorkTenant tenant, Func<PatchHoundDbContext, Task<T>> query)
    {
        await using var db = Context(tenant);
        return await query(db);
    }

    public async Task AddAsync(WorkTenant tenant, params object[] entities)
    {
        await using var db = Context(tenant);
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    /// <summary>Rows of the tenant's tables a refused request must leave as they were.</summary>
    public Task<(int Cases, int Comments, int Approvals, int Acceptances, int Notifications, int Audit)> CountsAsync(WorkTenant tenant) =>
        QueryAsync(tenant, async db => (
            await db.RemediationCases.CountAsync(),
            await db.CaseComments.CountAsync(),
            await db.ApprovalRequests.CountAsync(),
            await db.RiskAcceptances.CountAsync(),
            await db.Notifications.CountAsync(),
            await db.AuditLogEntries.CountAsync()));

    private async Task<WorkTenant> SeedAsync(ApiTenant tenant, DateTimeOffset now)
    {
        Dictionary<string, Guid> ids;
        await using (var db = Database.AppContext())
        {
            var emails = new[] { tenant.AdminEmail, tenant.AnalystEmail, tenant.AuditorEmail };
            ids = await db.Users.Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email, u => u.Id);
        }

        await using (var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            var source = new SourceConfiguration(
                tenant.Id, SourceKind.Simulator, "work source", "0 * * * *", "http://127.0.0.1:5090", credentialReference: null, now);
            var devices = Enumerable.Range(0, 2)
                .Select(i => new Device(tenant.Id, source.Id, $"{tenant.Slug}-{i}", $"host-{i}", "Windows10", "22H2", now))
                .ToList();
            var findings = new List<Finding>
            {
                new(tenant.Id, devices[0].Id, Cve, source.Id, "Edge", "1.0", now, now.AddDays(7)),
                new(tenant.Id, devices[1].Id, Cve, source.Id, "Edge", "1.0", now, now.AddDays(7)),
                new(tenant.Id, devices[0].Id, OtherCve, source.Id, "Chrome", "2.0", now, now.AddDays(90)),
            };
            db.SourceConfigurations.Add(source);
            db.Devices.AddRange(devices);
            db.Findings.AddRange(findings);
            await db.SaveChangesAsync();
            return new WorkTenant(
                tenant, ids[tenant.AdminEmail], ids[tenant.AnalystEmail], ids[tenant.AuditorEmail],
                [.. devices.Select(d => d.Id)], [.. findings.Select(f => f.Id)]);
        }
    }
}
