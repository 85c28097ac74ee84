using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Audit;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>The audit entries of one tenant, read through the application login with that tenant entered.</summary>
internal static class AuditEntries
{
    public static async Task<List<AuditLogEntry>> ForAsync(TestDatabase database, Guid tenantId, string entityId)
    {
        await using var db = database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return await db.AuditLogEntries.AsNoTracking().Where(a => a.EntityId == entityId).OrderBy(a => a.At).ToListAsync();
    }

    public static async Task<int> CountAsync(TestDatabase database, Guid tenantId)
    {
        await using var db = database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return await db.AuditLogEntries.CountAsync();
    }
}
