using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Checks every tenant-owned row before it is written: it must belong to the tenant in scope
/// (an empty tenant id is stamped), and a row may never move to another tenant.
/// Throwing here aborts SaveChanges before any SQL is sent, so nothing is written.
/// </summary>
internal sealed class TenantWriteGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is not PatchHoundDbContext db)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                CheckEntry(db.Tenant, entry);
            }
        }
    }

    private static void CheckEntry(TenantContext tenant, EntityEntry<ITenantOwned> entry)
    {
        var tenantIdProperty = entry.Property(e => e.TenantId);
        var entityName = entry.Metadata.ClrType.Name;

        if (entry.State == EntityState.Modified && tenantIdProperty.IsModified)
        {
            throw new TenantAccessException($"A {entityName} cannot be moved to another tenant.");
        }

        if (tenant.IsPlatformScope)
        {
            if (tenantIdProperty.CurrentValue == Guid.Empty)
            {
                throw new TenantAccessException($"A {entityName} written in platform scope needs an explicit tenant id.");
            }

            return;
        }

        var current = tenant.TenantId ?? throw new TenantAccessException(
            $"No tenant is in scope: refusing to write a {entityName}.");

        if (entry.State == EntityState.Added && tenantIdProperty.CurrentValue == Guid.Empty)
        {
            tenantIdProperty.CurrentValue = current;
            return;
        }

        var owner = entry.State == EntityState.Added ? tenantIdProperty.CurrentValue : tenantIdProperty.OriginalValue;
        if (owner != current)
        {
            throw new TenantAccessException(
                $"Refusing to write a {entityName} of tenant {owner} while acting for tenant {current}.");
        }
    }
}
