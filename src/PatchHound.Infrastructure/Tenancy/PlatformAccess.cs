using Microsoft.Extensions.Logging;
using PatchHound.Core.Audit;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Tenancy;

/// <summary>
/// The one explicit way to act across all tenants. Entering writes an audit row and a log line;
/// both the EF filter and PostgreSQL row-level security open up only for the returned scope.
/// </summary>
public sealed class PlatformAccess(PatchHoundDbContext db, TimeProvider clock, ILogger<PlatformAccess> logger)
{
    public async Task<IAsyncDisposable> BeginAsync(string actor, string reason, CancellationToken cancellationToken)
    {
        if (db.Tenant.IsPlatformScope)
        {
            throw new TenantAccessException("A platform scope is already open in this scope.");
        }

        db.Set<PlatformAccessEntry>().Add(new PlatformAccessEntry(actor, reason, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Platform access opened by {Actor}: {Reason}", actor, reason);
        db.Tenant.EnterPlatformScope();
        return new Scope(db.Tenant);
    }

    private sealed class Scope(TenantContext tenant) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            tenant.LeavePlatformScope();
            return ValueTask.CompletedTask;
        }
    }
}
