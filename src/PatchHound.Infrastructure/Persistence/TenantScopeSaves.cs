using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// SaveChanges of a scoped context always runs in a transaction, which enters the tenant scope at its start
/// (<see cref="TenantScopeTransactions"/>): EF reads each statement's row count of a modification batch by its
/// position, so the scope cannot be put in front of the batch the way <see cref="TenantScopeCommands"/> does for reads.
/// </summary>
internal sealed class TenantScopeSaves : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AlwaysInTransaction(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AlwaysInTransaction(eventData);
        return ValueTask.FromResult(result);
    }

    private static void AlwaysInTransaction(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is PatchHoundDbContext { Tenant: var tenant } db && (tenant.HasTenant || tenant.IsPlatformScope))
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }
}
