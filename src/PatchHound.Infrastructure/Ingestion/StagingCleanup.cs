using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Deletes the staging rows of a run that will never be merged (cancelled, or dead-lettered past the time an operator
/// may requeue it), a bounded number of rows per statement so a large run never holds many row locks at once.
/// </summary>
public sealed class StagingCleanup(PatchHoundDbContext db)
{
    public const int DefaultRowsPerStatement = 10_000;

    // ctid = ANY(ARRAY(...)): DELETE has no LIMIT of its own.
    private static readonly IReadOnlyList<string> DeleteSqls = StagingTables.All.Select(table => $"""
        DELETE FROM {table} WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM {table} WHERE tenant_id = @tenant AND run_id = @run LIMIT @rows))
        """).ToList();

    /// <summary>
    /// Deletes every staging row of run <paramref name="runId"/> of the tenant in scope; returns how many. Each statement
    /// commits on its own: a cleanup cut short is finished by the next one.
    /// </summary>
    public async Task<int> DeleteRunAsync(Guid runId, int rowsPerStatement, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerStatement, 1);
        var tenantId = db.Tenant.RequireTenantId();
        var deletedRows = 0;
        foreach (var sql in DeleteSqls)
        {
            deletedRows += await DeleteAsync(sql);
        }

        return deletedRows;

        async Task<int> DeleteAsync(string sql)
        {
            var total = 0;
            int deleted;
            do
            {
                deleted = await db.Database.ExecuteSqlRawAsync(
                    sql,
                    [
                        new NpgsqlParameter("tenant", tenantId),
                        new NpgsqlParameter("run", runId),
                        new NpgsqlParameter("rows", rowsPerStatement),
                    ],
                    cancellationToken);
                total += deleted;
            }
            while (deleted == rowsPerStatement);

            return total;
        }
    }
}
