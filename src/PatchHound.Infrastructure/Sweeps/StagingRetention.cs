using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// The staging part of <see cref="Retention"/>. A merged run deletes its own staging rows; a cancelled one does when
/// its worker notices; what is left over is deleted here: staging of runs that can never be merged. A dead-lettered
/// run keeps its staging for a while, since an operator's requeue resumes it from its checkpoint and its merge needs
/// every page read before; past that time its checkpoint is marked discarded (so a late requeue fails clearly instead
/// of merging only the pages read after it) and only then is its staging deleted.
/// </summary>
internal sealed class StagingRetention(PatchHoundDbContext db, int batchSize)
{
    // Runs with staging rows that no merge will ever read: finished, cancelled, discarded, or deleted by retention.
    private static readonly string UnmergeableRunsSql = $"""
        SELECT s.run_id AS "Value"
        FROM ({StagingTables.Each(table => $"SELECT DISTINCT run_id FROM {table} WHERE tenant_id = @tenant", " UNION ")}) s
        LEFT JOIN ingestion_runs r ON r.tenant_id = @tenant AND r.id = s.run_id
        LEFT JOIN ingestion_checkpoints c ON c.tenant_id = @tenant AND c.run_id = s.run_id
        WHERE r.id IS NULL
           OR r.status IN ('{nameof(IngestionRunStatus.Succeeded)}', '{nameof(IngestionRunStatus.Cancelled)}')
           OR (r.status = '{nameof(IngestionRunStatus.DeadLettered)}' AND c.phase = '{IngestionCheckpoint.DiscardedPhase}')
        """;

    /// <summary>
    /// Marks dead-lettered runs that finished before <paramref name="cutoff"/> as no longer resumable; returns how many.
    /// Each run is saved on its own under its xmin token: a run an operator requeues meanwhile is left alone.
    /// </summary>
    public async Task<int> DiscardDeadLetteredAsync(DateTimeOffset now, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var discarded = 0;
        var skipped = new List<Guid>();
        int count;
        do
        {
            var batch = await db.IngestionRuns
                .Where(r => r.Status == IngestionRunStatus.DeadLettered && r.FinishedAt < cutoff && !skipped.Contains(r.Id))
                .Join(
                    db.IngestionCheckpoints.Where(c => c.Phase != IngestionCheckpoint.DiscardedPhase),
                    r => r.Id,
                    c => c.RunId,
                    (run, checkpoint) => new { Run = run, Checkpoint = checkpoint })
                .OrderBy(x => x.Run.FinishedAt)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var item in batch)
            {
                item.Run.RecordStagingDiscarded(now);
                item.Checkpoint.Discard(now);
                if (await db.TrySaveAsync(cancellationToken))
                {
                    discarded++;
                }
                else
                {
                    skipped.Add(item.Run.Id);
                }
            }

            count = batch.Count;
            db.ChangeTracker.Clear();
        }
        while (count == batchSize);

        return discarded;
    }

    /// <summary>Deletes the staging rows of runs no merge will read; returns how many rows.</summary>
    public async Task<int> DeleteUnmergeableAsync(CancellationToken cancellationToken)
    {
        var runs = await db.Database
            .SqlQueryRaw<Guid>(UnmergeableRunsSql, new NpgsqlParameter("tenant", db.Tenant.RequireTenantId()))
            .ToListAsync(cancellationToken);
        var cleanup = new StagingCleanup(db);
        var deleted = 0;
        foreach (var run in runs)
        {
            deleted += await cleanup.DeleteRunAsync(run, batchSize, cancellationToken);
        }

        return deleted;
    }
}
