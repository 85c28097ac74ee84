using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// Plans a run from its source's pull settings and the source's earlier successful runs. A run's queue time stands
/// for when it read: it is no later than any of its pages (retries included), so the next delta's window overlaps
/// rather than leaves a gap (an overlap re-reports changes the merge already applied, which changes nothing).
/// </summary>
internal static class PullPlanner
{
    public static async Task<PullPlan> PlanAsync(PatchHoundDbContext db, IngestionRun run, DateTimeOffset now, CancellationToken token)
    {
        var source = await db.SourceConfigurations.AsNoTracking().Where(s => s.Id == run.SourceId)
            .Select(s => new { s.FullRunIntervalDays, s.PullMode }).SingleAsync(token);
        var plan = await PlanDeltaOrFullAsync(db, run, source.FullRunIntervalDays, now, token);

        // A full export is read the way the source asks: the paged JSON export or via files (the same snapshot).
        return plan.Mode == IngestionPullMode.Full && source.PullMode == SourcePullMode.Files
            ? plan with { Mode = IngestionPullMode.Files }
            : plan;
    }

    private static async Task<PullPlan> PlanDeltaOrFullAsync(
        PatchHoundDbContext db, IngestionRun run, int? interval, DateTimeOffset now, CancellationToken token)
    {
        if (interval is null)
        {
            return PullPlan.For(null, now, null, null);
        }

        var succeeded = db.IngestionRuns.AsNoTracking()
            .Where(r => r.SourceId == run.SourceId && r.Id != run.Id && r.Status == IngestionRunStatus.Succeeded);
        var lastFull = await succeeded.Where(r => r.PullMode != IngestionPullMode.Delta).MaxAsync(r => (DateTimeOffset?)r.QueuedAt, token);
        var lastAny = await succeeded.MaxAsync(r => (DateTimeOffset?)r.QueuedAt, token);
        return PullPlan.For(interval, now, lastFull, lastAny);
    }
}
