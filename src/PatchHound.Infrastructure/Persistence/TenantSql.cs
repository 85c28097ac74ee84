using System.Diagnostics;
using Npgsql;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL reads for the scope's tenant, for hot read paths where EF's work per query costs more than the
/// query itself. A read takes a pooled connection of the application data source (the pool EF uses too) and sends one
/// batch: the <see cref="SessionSettings"/>, so row-level security applies exactly as it does under EF, then the query,
/// in a single round trip. The query must still name the tenant itself, as every PatchHound query does.
/// </summary>
public sealed class TenantSql(NpgsqlDataSource dataSource, TenantContext tenant)
{
    /// <summary>The event <see cref="Diagnostics"/> raises with each <see cref="NpgsqlBatch"/> before it runs.</summary>
    public const string ExecutingEvent = "PatchHound.TenantSql.Executing";

    /// <summary>For tools that look at the SQL sent (the API benchmark replays it); silent without a subscriber.</summary>
    public static readonly DiagnosticListener Diagnostics = new("PatchHound.TenantSql");

    public Guid TenantId => tenant.RequireTenantId();

    /// <summary>
    /// Runs <paramref name="query"/> and hands over its reader, positioned on the query's results; disposing it
    /// returns the connection. <paramref name="genericPlans"/>: reuse one generic plan per prepared statement instead
    /// of planning each execution — for keyset pages, whose best plan walks the same index and stops after the page
    /// whatever the tenant and cursor, but which PostgreSQL would otherwise plan again every time, as it cannot cost
    /// the generic plan's LIMIT parameter.
    /// </summary>
    public async Task<TenantSqlReader> ReadAsync(NpgsqlBatchCommand query, bool genericPlans, CancellationToken cancellationToken)
    {
        var settings = SessionSettings.BatchCommand(TenantId, tenant.IsPlatformScope, genericPlans);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlBatch? batch = null;
        try
        {
            batch = new NpgsqlBatch(connection) { BatchCommands = { settings, query } };
            if (Diagnostics.IsEnabled(ExecutingEvent))
            {
                Diagnostics.Write(ExecutingEvent, batch);
            }

            var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return new TenantSqlReader(connection, batch, reader);
        }
        catch
        {
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }
}
