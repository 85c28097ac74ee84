using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// The last step of a complete run: reconciles staging into the live tables set-based (devices, catalog, findings
/// opened, re-observed, reopened and resolved, risk scores), then marks the run Succeeded with its counts.
/// </summary>
public sealed class IngestionMergeJob(IngestionRunner runner, TimeProvider clock)
{
    [JobDisplayName("Ingestion merge of run {2} (tenant {0}, source {1})")]
    [AutomaticRetry(Attempts = 20, DelaysInSeconds = [5, 15, 60, 120, 300], ExceptOn = [typeof(IngestionDeadLetteredException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(Guid tenantId, Guid sourceId, Guid runId, PerformContext? job, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sourceId, runId, "Merge", job, async (step, token) =>
        {
            var checkpoint = await step.Db.IngestionCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.RunId == runId, token);
            if (checkpoint?.IsDiscarded == true)
            {
                throw new IngestionStagingDiscardedException(runId);
            }

            if (checkpoint?.Phase != IngestionPhases.Merge)
            {
                throw new IngestionOrderException($"Run {runId} is not done reading (phase {checkpoint?.Phase ?? "none"}); it cannot be merged.");
            }

            var merged = await step.Services.GetRequiredService<IngestionMerge>().MergeAsync(runId, sourceId, step.Run.PullMode, token);
            step.Run.RecordProgress(new IngestionProgress
            {
                FindingsNew = merged.FindingsNew,
                FindingsReopened = merged.FindingsReopened,
                FindingsResolved = merged.FindingsResolved,
                DevicesNotListed = merged.DevicesNotListed,
                FindingsWithoutDevice = merged.FindingsWithoutDevice,
            });
            step.Run.Succeed(clock.GetUtcNow());
            await step.Db.SaveChangesAsync(token);
            IngestionMetrics.Finished(step.Run, "succeeded");
            JobProgress.Report(step.Job, $"merged: {merged}");
        }, cancellationToken);
}
