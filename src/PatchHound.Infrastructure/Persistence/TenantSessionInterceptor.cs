using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Sets the <see cref="SessionSettings"/> (the tenant that row-level security reads; PostgreSQL's own plan choice)
/// each time EF opens a connection. Pooled connections are reset
/// on return, so a setting never leaks to the next user of the physical connection.
/// </summary>
internal sealed class TenantSessionInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command?.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData);
        if (command is not null)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlCommand? CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is not PatchHoundDbContext db || connection is not NpgsqlConnection npgsql)
        {
            return null;
        }

        return SessionSettings.Command(npgsql, db.Tenant.TenantId, db.Tenant.IsPlatformScope, genericPlans: false);
    }
}
