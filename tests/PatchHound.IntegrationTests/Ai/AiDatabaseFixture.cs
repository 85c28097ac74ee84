using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Ai;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ai;

/// <summary>
/// A migrated database with one catalog vulnerability. Each test makes its own tenants, so that sweeping
/// "every pending request" never meets another test's rows.
/// </summary>
public sealed class AiDatabaseFixture : IAsyncLifetime
{
    public const string CveId = "CVE-2024-3400";
    public const string CveTitle = "PAN-OS GlobalProtect command injection";

    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        await using var db = Database.OwnerContext();
        db.Vulnerabilities.Add(new Vulnerability(CveId, CveTitle, Severity.Critical, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public async Task<Guid> CreateTenantAsync()
    {
        var tenant = new Tenant($"ai-{Guid.NewGuid():N}"[..20], "AI test tenant", TenantEdition.Standard, DateTimeOffset.UtcNow);
        await using var db = Database.AppContext();
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    /// <summary>Pending requests, one millisecond apart in creation order.</summary>
    public async Task<IReadOnlyList<Guid>> AddRequestsAsync(Guid tenantId, int count, string? vulnerabilityId = null)
    {
        var createdFrom = DateTimeOffset.UtcNow;
        var requests = Enumerable.Range(0, count)
            .Select(i => new AiRemediationRequest(
                tenantId, null, vulnerabilityId, $"How do I remediate this on our firewalls? (#{i})", createdFrom.AddMilliseconds(i)))
            .ToList();
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        db.AiRemediationRequests.AddRange(requests);
        await db.SaveChangesAsync();
        return requests.Select(r => r.Id).ToList();
    }

    public async Task<Guid> AddRequestAsync(Guid tenantId, string? vulnerabilityId = null) =>
        (await AddRequestsAsync(tenantId, 1, vulnerabilityId)).Single();

    public async Task<AiRemediationRequest> LoadAsync(Guid tenantId, Guid requestId)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return await db.AiRemediationRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
    }

    /// <summary>Every stored column of every request, as the superuser sees them (no filter, no row-level security).</summary>
    public async Task<string> DumpAllRequestRowsAsync()
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(string_agg(row_to_json(r)::text, E'\\n'), '') FROM ai_remediation_requests r", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
