using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Every command EF sends for a scoped context outside a transaction starts by entering the context's current tenant
/// scope (<see cref="SessionSettings.EnterScopeFirst"/>), in the command's own round trip: the command is its own
/// implicit transaction, and row-level security sees the tenant in it whatever server connection runs it. A command in
/// a transaction finds the scope entered at the transaction's start (<see cref="TenantScopeTransactions"/>; SaveChanges
/// always has one, <see cref="TenantScopeSaves"/>). A context with no scope (the migrator, due-tenant sweeps) sends its commands unchanged:
/// with transaction-local settings nothing is left on a connection to reset.
/// </summary>
internal sealed class TenantScopeCommands : DbCommandInterceptor
{
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Transaction is null && eventData.Context is PatchHoundDbContext db && (db.Tenant.HasTenant || db.Tenant.IsPlatformScope))
        {
            SessionSettings.EnterScopeFirst(result, db.Tenant.TenantId, db.Tenant.IsPlatformScope);
        }

        return result;
    }
}
