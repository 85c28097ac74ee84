using Cronos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Creates the scheduled ingestion run of each enabled source whose cron slot is due: the latest slot at or before
/// now that is after the source's last scheduled run. Returns only the runs this call created, so the caller
/// enqueues each exactly once; a run another worker created first is not returned.
/// </summary>
/// <remarks>
/// A source with a queued or running run is skipped: its due slot waits and is created by the first sweep after
/// that run finishes (a late run for the latest slot, never a pile of missed ones). Two unique indexes make this
/// hold when workers race: one run per (tenant, source, slot) and one active run per source.
/// </remarks>
public sealed class IngestionDispatch(PatchHoundDbContext db, TimeProvider clock, ILogger<IngestionDispatch> logger)
{
    public async Task<IReadOnlyList<IngestionRun>> RunAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var now = clock.GetUtcNow();
        var sources = await db.SourceConfigurations
            .Where(s => s.Enabled)
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Id,
                s.CronSchedule,
                s.NextSlotAt,
                LastSlot = db.IngestionRuns.Where(r => r.SourceId == s.Id).Max(r => r.ScheduledSlot),
                HasActiveRun = db.IngestionRuns.Any(r =>
                    r.SourceId == s.Id && (r.Status == IngestionRunStatus.Queued || r.Status == IngestionRunStatus.Running)),
            })
            .ToListAsync(cancellationToken);

        var created = new List<IngestionRun>();
        foreach (var source in sources)
        {
            DueSlots due;
            try
            {
                due = CronSlots.Due(source.CronSchedule, source.LastSlot, now, max: 1);
            }
            catch (CronFormatException e)
            {
                logger.LogWarning("Source {SourceId} has an invalid schedule and is not dispatched: {Reason}", source.Id, e.Message);
                await SetNextSlotAsync(source.Id, source.CronSchedule, source.NextSlotAt, null, now, cancellationToken);
                continue;
            }

            if (due.Slots.Count == 0)
            {
                await SetNextSlotAsync(source.Id, source.CronSchedule, source.NextSlotAt, source.LastSlot, now, cancellationToken);
                continue;
            }

            if (source.HasActiveRun)
            {
                logger.LogInformation("Source {SourceId} still has an active run; slot {Slot} waits for it", source.Id, due.Slots[0]);
                continue;
            }

            var run = IngestionRun.Scheduled(tenantId, source.Id, due.Slots[0], now);
            // Not dispatched (another worker or a manual run came first): the source stays due, and the next sweep
            // computes its next slot from what is then in the database.
            if (await TryAddAsync(run, cancellationToken))
            {
                created.Add(run);
                await SetNextSlotAsync(source.Id, source.CronSchedule, source.NextSlotAt, due.Slots[0], now, cancellationToken);
            }
        }

        if (created.Count > 0)
        {
            logger.LogInformation("Dispatched {Count} scheduled ingestion runs", created.Count);
        }

        return created;
    }

    /// <summary>
    /// Runs queued longer ago than <paramref name="after"/> and still not started: their first batch was probably
    /// never enqueued, and while they stay queued they block their source (one active run per source). The caller
    /// enqueues their first batch again; should the original job exist after all, the extra one finds the run started
    /// and does nothing.
    /// </summary>
    public async Task<IReadOnlyList<IngestionRun>> StrandedAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        db.Tenant.RequireTenantId();
        var queuedBefore = clock.GetUtcNow() - after;
        var stranded = await db.IngestionRuns.AsNoTracking()
            .Where(r => r.Status == IngestionRunStatus.Queued && r.QueuedAt < queuedBefore)
            .OrderBy(r => r.QueuedAt)
            .ToListAsync(cancellationToken);
        foreach (var run in stranded)
        {
            logger.LogWarning("Ingestion run {RunId} of source {SourceId} has been queued since {QueuedAt}; enqueuing its first batch again",
                run.Id, run.SourceId, run.QueuedAt);
        }

        return stranded;
    }

    /// <summary>
    /// Records when the source is due next, so the due-tenant query skips it until then. Not when its schedule changed
    /// meanwhile: the change cleared the next slot, and the next sweep computes it from the new schedule.
    /// </summary>
    private async Task SetNextSlotAsync(
        Guid sourceId, string cronSchedule, DateTimeOffset? current, DateTimeOffset? lastSlot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = CronSlots.Next(cronSchedule, lastSlot, now);
        if (next == current)
        {
            return;
        }

        await db.SourceConfigurations
            .Where(s => s.Id == sourceId && s.CronSchedule == cronSchedule)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextSlotAt, next), cancellationToken);
    }

    private async Task<bool> TryAddAsync(IngestionRun run, CancellationToken cancellationToken)
    {
        db.IngestionRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: IngestionRunConfiguration.OneRunPerSlotIndex or IngestionRunConfiguration.OneActiveRunPerSourceIndex,
        } violation)
        {
            db.Entry(run).State = EntityState.Detached;
            logger.LogInformation(
                "Source {SourceId} slot {Slot} not dispatched: {Index} says another worker or a manual run came first",
                run.SourceId, run.ScheduledSlot, violation.ConstraintName);
            return false;
        }
    }
}
