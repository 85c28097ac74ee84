using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Jobs.Ingestion;
using PatchHound.Reads.Ingestion;

namespace PatchHound.Api.Ingestion;

/// <summary>Starting and cancelling a source's manual runs; called by the REST endpoints and the source page.</summary>
internal sealed class IngestionRunCommands(PatchHoundDbContext db, IBackgroundJobClient jobs, IRealtimeEvents realtime, TimeProvider clock)
{
    /// <summary>Queues a manual run and its first batch; one active run per source (the database's unique index decides).</summary>
    public async Task<IngestionRunChange> TriggerAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        if (!await db.SourceConfigurations.AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            return IngestionRunChange.SourceMissing;
        }

        var run = IngestionRun.Manual(db.Tenant.RequireTenantId(), sourceId, clock.GetUtcNow());
        db.IngestionRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { ConstraintName: IngestionRunIndexes.OneActivePerSource })
        {
            db.ChangeTracker.Clear();
            var active = await db.IngestionRuns.AsNoTracking()
                .Where(r => r.SourceId == sourceId && (r.Status == IngestionRunStatus.Queued || r.Status == IngestionRunStatus.Running))
                .Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            return new IngestionRunChange(IngestionRunOutcome.AlreadyActive, null, active);
        }

        IngestionEnqueuer.EnqueueFirstBatch(jobs, run.TenantId, sourceId, run.Id);
        await realtime.IngestionRunChangedAsync(run, cancellationToken);
        return new IngestionRunChange(IngestionRunOutcome.Done, IngestionRunDto.From(run, null), null);
    }

    public async Task<IngestionRunChange> CancelAsync(Guid sourceId, Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.IngestionRuns.SingleOrDefaultAsync(r => r.Id == runId && r.SourceId == sourceId, cancellationToken);
        if (run is null)
        {
            return IngestionRunChange.RunMissing;
        }

        if (run.Status is IngestionRunStatus.Succeeded or IngestionRunStatus.Cancelled)
        {
            return new IngestionRunChange(IngestionRunOutcome.AlreadyFinished, IngestionRunDto.From(run, null), null);
        }

        run.Cancel(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await realtime.IngestionRunChangedAsync(run, cancellationToken);
        return new IngestionRunChange(IngestionRunOutcome.Done, IngestionRunDto.From(run, null), null);
    }
}
