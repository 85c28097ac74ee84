using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatchHound.Core.Common;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// What every step of an ingestion run shares: the source's lease, the tenant's scope, bringing the run to Running
/// (start, Hangfire retry or operator requeue) and the failure policy — transient errors retried within the
/// tenant's <see cref="TenantSettings.IngestionRetryCount"/>, then (or at once for errors retrying cannot fix)
/// the run is dead-lettered and the job left Failed. A step that finds its run cancelled deletes the run's staging.
/// Every committed change of the run (running, each batch, merged,
/// failed, dead-lettered) is published to the tenant's admins through <see cref="IRealtimeEvents"/>.
/// </summary>
public sealed class IngestionRunner(
    SourceLease sourceLease, TenantJobScope tenantScope, IRealtimeEvents realtime, TimeProvider clock, ILogger<IngestionRunner> logger)
{
    /// <summary>Runs <paramref name="step"/>; <paramref name="stepName"/> is what the run's error calls it, e.g. "Batch 4".</summary>
    public async Task RunAsync(Guid tenantId, Guid sourceId, Guid runId, string stepName, PerformContext? job,
        Func<IngestionStep, CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        IngestionMetrics.Started(job, stepName.Split(' ')[0].ToLowerInvariant());
        await using var lease = await sourceLease.TakeAsync(sourceId, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        await tenantScope.RunAsync(tenantId, SpanName(stepName), async (services, token) =>
        {
            var db = services.GetRequiredService<PatchHoundDbContext>();
            var run = await db.IngestionRuns.SingleOrDefaultAsync(r => r.Id == runId, token);
            if (run is null || !await BringToRunningAsync(db, run, token))
            {
                await DeleteStagingIfCancelledAsync(services, run, token);
                JobProgress.Report(job, $"nothing to do: run is {run?.Status.ToString() ?? "gone"}");
                return 0;
            }

            try
            {
                await step(new IngestionStep(services, db, run, job), token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                var current = await RecordFailureAsync(db, runId, stepName, e, token);
                if (current.Status != IngestionRunStatus.Cancelled)
                {
                    throw;
                }

                // Cancelled while this step ran (its commit then fails on the run's concurrency token): not a failure.
                logger.LogInformation(e, "Ingestion run {RunId} was cancelled during {Step}", runId, stepName);
                await DeleteStagingIfCancelledAsync(services, current, token);
                JobProgress.Report(job, $"run was cancelled during {stepName}");
            }

            await realtime.IngestionRunChangedAsync(run, token);
            return 0;
        }, stop.Token);
    }

    private async Task<bool> BringToRunningAsync(PatchHoundDbContext db, IngestionRun run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        switch (run.Status)
        {
            case IngestionRunStatus.Running:
                return true;
            case IngestionRunStatus.Queued:
                run.Start(now);
                break;
            case IngestionRunStatus.Failed:
                run.Retry(now);
                break;
            case IngestionRunStatus.DeadLettered:
                logger.LogWarning("Ingestion run {RunId} requeued by an operator; resuming from its checkpoint", run.Id);
                run.Requeue(now);
                break;
            default:
                return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        await realtime.IngestionRunChangedAsync(run, cancellationToken);
        return true;
    }

    private async Task DeleteStagingIfCancelledAsync(IServiceProvider services, IngestionRun? run, CancellationToken cancellationToken)
    {
        if (run?.Status != IngestionRunStatus.Cancelled)
        {
            return;
        }

        var deleted = await services.GetRequiredService<StagingCleanup>()
            .DeleteRunAsync(run.Id, StagingCleanup.DefaultRowsPerStatement, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Rows} staging rows of cancelled ingestion run {RunId}", deleted, run.Id);
        }
    }

    /// <returns>The run as it is now (Failed, DeadLettered, or Cancelled by someone else meanwhile).</returns>
    private async Task<IngestionRun> RecordFailureAsync(
        PatchHoundDbContext db, Guid runId, string stepName, Exception error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var run = await db.IngestionRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
        if (run.Status == IngestionRunStatus.Cancelled)
        {
            return run;
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == run.TenantId, CancellationToken.None);
        var now = clock.GetUtcNow();
        var permanent = IsPermanent(error);
        var message = ErrorText(PostgresDataErrors.Describe(error) is { } database
            ? $"{stepName}: PostgreSQL refused the data: {database}"
            : $"{stepName}: {error.GetType().Name}: {error.Message}");
        if (run.Status == IngestionRunStatus.Running)
        {
            run.Fail(message, now);
        }

        var deadLetter = permanent || !run.CanRetry(tenant.Settings.IngestionRetryCount);
        if (deadLetter && run.Status == IngestionRunStatus.Failed)
        {
            run.DeadLetter(message, now);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await realtime.IngestionRunChangedAsync(run, CancellationToken.None);
        logger.LogError(error, "Ingestion run {RunId} {Outcome} after attempt {Attempt}", runId,
            deadLetter ? "dead-lettered" : "failed, will retry", run.AttemptCount);
        if (deadLetter)
        {
            IngestionMetrics.Finished(run, "dead_lettered");
            throw new IngestionDeadLetteredException(runId,
                permanent ? "the error cannot be fixed by retrying" : $"{tenant.Settings.IngestionRetryCount} retries used", error);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return run;
    }

    // The run's error column holds Limits.LongText characters; a longer message must not fail the failure handling.
    private static string ErrorText(string message) =>
        message.Length <= Limits.LongText ? message : message[..(Limits.LongText - 1)] + "…";

    private static bool IsPermanent(Exception error) => error switch
    {
        SourceException source => source.Permanent,
        DuplicateSourceRecordException or RepeatedSourcePageException or DomainRuleViolationException
            or IngestionOrderException or IngestionStagingDiscardedException => true,
        _ => PostgresDataErrors.IsPermanent(error),
    };

    /// <summary>"Batch 4" → ingestion.batch, "Merge" → ingestion.merge.</summary>
    private static string SpanName(string stepName) =>
        "ingestion." + stepName.Split(' ')[0].ToLowerInvariant();
}
