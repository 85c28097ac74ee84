using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PatchHound.Core.Identity;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Caching;

/// <summary>
/// Evicts the cached rows a SaveChanges of this replica wrote as soon as it returns, so a replica reads its own
/// writes at once; every replica (this one included) also hears of the change when its commit is announced. One
/// instance per DbContext: it holds what the save in progress writes.
/// </summary>
internal sealed class LocalCacheEviction(CacheChangeFeed feed) : SaveChangesInterceptor
{
    private List<(string Table, string Key)> written = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        written = Written(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        written = Written(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Evict();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Evict();
        return ValueTask.FromResult(result);
    }

    private void Evict()
    {
        written.ForEach(change => feed.Evict(change.Table, change.Key));
        written = [];
    }

    private static List<(string Table, string Key)> Written(DbContext? context) =>
        context is null
            ? []
            : context.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => e.Entity switch
                {
                    Tenant tenant => (CacheChanges.Tenants, tenant.Id.ToString()),
                    User user => (CacheChanges.Users, user.Id.ToString()),
                    TenantMembership membership => (CacheChanges.TenantMemberships, membership.UserId.ToString()),
                    _ => default((string, string)?),
                })
                .OfType<(string Table, string Key)>()
                .ToList();
}
