using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PatchHound.Core.Identity;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Caching;

/// <summary>
/// Evicts the cached rows a SaveChanges of this replica wrote as soon as it returns, so a replica reads its own
/// writes at once; every replica (this one included) also hears of the change when its commit is announced. One
/// instance serves every DbContext (the options are built once), so what a save in progress writes is kept per context.
/// </summary>
internal sealed class LocalCacheEviction(CacheChangeFeed feed) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(string Table, string Key)>> saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Evict(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is not null)
        {
            saving.AddOrUpdate(context, Written(context));
        }
    }

    private void Evict(DbContext? context)
    {
        if (context is not null && saving.TryGetValue(context, out var written))
        {
            saving.Remove(context);
            written.ForEach(change => feed.Evict(change.Table, change.Key));
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            saving.Remove(context);
        }
    }

    private static List<(string Table, string Key)> Written(DbContext context) =>
        context.ChangeTracker.Entries()
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
