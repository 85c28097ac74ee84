using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// A transaction EF begins for a scoped context enters the tenant scope first, so hand-written commands that run on
/// the context's connection inside it (staging COPY, the ingestion merge, the dashboard's two reads) are under
/// row-level security for the right tenant too. EF's own commands in it carry the scope themselves
/// (<see cref="TenantScopeCommands"/>).
/// </summary>
internal sealed class TenantScopeTransactions : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = CreateCommand(connection, eventData, result);
        command?.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData, result);
        if (command is not null)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private static NpgsqlCommand? CreateCommand(DbConnection connection, TransactionEndEventData eventData, DbTransaction transaction)
    {
        if (eventData.Context is not PatchHoundDbContext db || connection is not NpgsqlConnection npgsql ||
            !(db.Tenant.HasTenant || db.Tenant.IsPlatformScope))
        {
            return null;
        }

        return SessionSettings.Command(npgsql, transaction as NpgsqlTransaction, db.Tenant.TenantId, db.Tenant.IsPlatformScope, genericPlans: false);
    }
}
