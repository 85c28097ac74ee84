using PatchHound.Core.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>Many active tenants with nothing in them, as a large cluster has: what a sweep must not pay for.</summary>
public static class IdleTenants
{
    public static async Task<IReadOnlyList<Guid>> CreateAsync(TestDatabase database, int count, DateTimeOffset now)
    {
        var tenants = Enumerable.Range(0, count).Select(_ =>
        {
            var slug = $"idle-{Guid.NewGuid():N}"[..20];
            return new Tenant(slug, slug, TenantEdition.Standard, now);
        }).ToList();
        await using var db = database.AppContext();
        db.Tenants.AddRange(tenants);
        await db.SaveChangesAsync();
        return [.. tenants.Select(t => t.Id)];
    }
}
