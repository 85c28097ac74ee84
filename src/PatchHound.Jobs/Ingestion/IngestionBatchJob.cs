using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Defender.RateBudget;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// Reads one page of a run from its source, writes it to staging and advances the checkpoint in one transaction,
/// then chains the next batch (or the merge) as its continuation. Chain steps are never skipped (a skipped step
/// would break the chain): they wait for the source's lease instead, see <see cref="SourceLease"/>.
/// </summary>
/// <remarks>
/// A batch delivered again (a Hangfire retry, a redelivery after a crash, or a second job for the same batch, as
/// the dispatcher enqueues for a run that looks stranded) finds the checkpoint at or past its batch and reads
/// nothing. Only the job that staged the batch chains its successor (it notes so on itself before committing):
/// another job for the same batch stops there, so duplicates never grow a second chain.
/// </remarks>
public sealed class IngestionBatchJob(
    IngestionRunner runner,
    IngestionSuccessor successor,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<IngestionBatchJob> logger)
{
    private const string StagedParameter = "StagedBatch";

    [JobDisplayName("Ingestion batch {3} of run {2} (tenant {0}, source {1})")]
    [AutomaticRetry(Attempts = 20, DelaysInSeconds = [5, 15, 60, 120, 300], ExceptOn = [typeof(IngestionDeadLetteredException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(Guid tenantId, Guid sourceId, Guid runId, int batchNumber, PerformContext? job, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sourceId, runId, $"Batch {batchNumber}", job, async (step, token) =>
        {
            var checkpoint = await step.Db.IngestionCheckpoints.SingleOrDefaultAsync(c => c.RunId == runId, token)
                ?? await NewCheckpointAsync(step, token);
            if (checkpoint.IsDiscarded)
            {
                throw new IngestionStagingDiscardedException(runId);
            }

            if (checkpoint.BatchNumber < batchNumber - 1 || (checkpoint.BatchNumber == batchNumber - 1 && checkpoint.Phase == IngestionPhases.Merge))
            {
                throw new IngestionOrderException($"Batch {batchNumber} of run {runId} cannot follow checkpoint batch {checkpoint.BatchNumber} ({checkpoint.Phase}).");
            }

            if (checkpoint.BatchNumber == batchNumber - 1)
            {
                try
                {
                    await ReadAndStageAsync(step, checkpoint, batchNumber, token);
                }
                catch (RateBudgetExhaustedException wait)
                {
                    await DeferAsync(step, batchNumber, wait, token);
                    return;
                }
            }
            else if (checkpoint.BatchNumber > batchNumber || !StagedByThisJob(step.Job, batchNumber))
            {
                JobProgress.Report(step.Job, $"batch {batchNumber} was staged by another job (checkpoint at batch {checkpoint.BatchNumber}); nothing to do");
                return;
            }

            Chain(step.Job, tenantId, sourceId, runId, checkpoint);
        }, cancellationToken);

    /// <summary>
    /// Defender's rate budget frees later than a job should wait: the run says until when, and the same batch runs
    /// again then as a scheduled job, so no worker thread is held meanwhile (ADR 0017).
    /// </summary>
    private async Task DeferAsync(IngestionStep step, int batchNumber, RateBudgetExhaustedException wait, CancellationToken token)
    {
        var run = step.Run;
        run.WaitForRateBudget(wait.Until);
        await step.Db.SaveChangesAsync(token);
        var again = Job.FromExpression<IngestionBatchJob>(j => j.RunAsync(run.TenantId, run.SourceId, run.Id, batchNumber, null, CancellationToken.None));
        var id = successor.Defer(step.Job, again, wait.Until);
        logger.LogInformation(
            "Batch {BatchNumber} of ingestion run {RunId} (tenant {TenantId}) waits for Defender's {Family} rate budget until {Until}: rescheduled as job {JobId}",
            batchNumber, run.Id, run.TenantId, wait.Family, wait.Until, id);
        JobProgress.Report(step.Job, $"batch {batchNumber}: {run.Phase}; rescheduled as job {id}");
    }

    private static bool StagedByThisJob(PerformContext? job, int batchNumber) =>
        job is null || job.GetJobParameter<int?>(StagedParameter) == batchNumber;

    /// <summary>The run's first batch: decides how the run reads (saved with the batch) and starts at the devices.</summary>
    private async Task<IngestionCheckpoint> NewCheckpointAsync(IngestionStep step, CancellationToken token)
    {
        var plan = await PullPlanner.PlanAsync(step.Db, step.Run, clock.GetUtcNow(), token);
        step.Run.Plan(plan);
        if (plan.Note is not null)
        {
            logger.LogInformation("Ingestion run {RunId} (tenant {TenantId}): {PullNote}", step.Run.Id, step.Run.TenantId, plan.Note);
            JobProgress.Report(step.Job, plan.Note);
        }

        var checkpoint = new IngestionCheckpoint(step.Run.TenantId, step.Run.Id, IngestionPhases.Devices, clock.GetUtcNow());
        step.Db.IngestionCheckpoints.Add(checkpoint);
        return checkpoint;
    }

    private async Task ReadAndStageAsync(IngestionStep step, IngestionCheckpoint checkpoint, int batchNumber, CancellationToken token)
    {
        var source = await step.Db.SourceConfigurations.AsNoTracking().SingleAsync(s => s.Id == step.Run.SourceId, token);
        var client = await step.Services.GetRequiredService<DefenderClientFactory>().CreateAsync(source, token);
        if (checkpoint.Phase == IngestionPhases.Findings && step.Run.PullMode == IngestionPullMode.Files)
        {
            await step.Services.GetRequiredService<ExportFileBatch>().StageAsync(
                step, checkpoint, batchNumber, client, () => step.Job?.SetJobParameter(StagedParameter, batchNumber), token);
            return;
        }

        var pageNumber = await PageNumberAsync(step, checkpoint, batchNumber, token);
        var delta = step.Run.PullMode == IngestionPullMode.Delta;
        var page = checkpoint.Phase == IngestionPhases.Devices
            ? StagedPage.FromMachines(await FirstPageAsync(client.ReadMachinesAsync(checkpoint.Cursor, pageNumber, token), token))
            : StagedPage.FromVulnerabilities(await FirstPageAsync(delta
                ? client.ReadVulnerabilityChangesAsync(step.Run.DeltaSince!.Value, checkpoint.Cursor, pageNumber, token)
                : client.ReadVulnerabilitiesAsync(checkpoint.Cursor, pageNumber, token), token), delta);
        UnusablePage.Check(pageNumber, page.AllRecords, page.Skipped, options.Value.MaxUnusableShare);
        var (phase, cursor) = page.NextCursor is not null
            ? (checkpoint.Phase, page.NextCursor)
            : (checkpoint.Phase == IngestionPhases.Devices ? IngestionPhases.Findings : IngestionPhases.Merge, (string?)null);

        await using var transaction = await step.Db.Database.BeginTransactionAsync(token);
        var staged = await step.Services.GetRequiredService<StagingWriter>()
            .WriteAsync(step.Run.Id, batchNumber, page.Devices, page.Findings, page.Software, delta, token);
        checkpoint.Advance(phase, cursor, batchNumber, checkpoint.RecordsSoFar + page.Records, clock.GetUtcNow());
        step.Run.EnterPhase(phase);
        step.Run.RecordProgress(new IngestionProgress
        {
            PagesDone = 1,
            DevicesSeen = page.Devices.Count,
            FindingsSeen = page.Findings.Count,
            TextValuesCleaned = staged.TextValuesCleaned,
        });
        step.Run.RecordSkipped(page.Skipped);
        await step.Db.SaveChangesAsync(token);

        // Noted before the commit: should the commit fail, a retry finds the checkpoint behind and reads again anyway.
        step.Job?.SetJobParameter(StagedParameter, batchNumber);
        await transaction.CommitAsync(token);
        if (staged.TextValuesCleaned > 0)
        {
            logger.LogWarning(
                "Batch {BatchNumber} of ingestion run {RunId} (tenant {TenantId}): {Count} text values held NUL or unpaired surrogate characters and were cleaned",
                batchNumber, step.Run.Id, step.Run.TenantId, staged.TextValuesCleaned);
        }

        if (page.Skipped.Count > 0)
        {
            logger.LogWarning(
                "Batch {BatchNumber} of ingestion run {RunId} (tenant {TenantId}): skipped {Count} unusable records of {Records}, first at page {PageNumber} record {RecordIndex}: {Reason}",
                batchNumber, step.Run.Id, step.Run.TenantId, page.Skipped.Count, page.AllRecords, page.Skipped[0].Page, page.Skipped[0].Index, page.Skipped[0].Reason);
        }

        JobProgress.Report(step.Job, $"batch {batchNumber}: {staged}, {page.Skipped.Count} unusable records skipped; run so far: {step.Run.PagesDone} pages, " +
            $"{step.Run.DevicesSeen} devices, {step.Run.FindingsSeen} findings; next: {phase}");
    }

    /// <summary>
    /// The page's number within its endpoint's listing, for error messages: devices are batches 1, 2, …; the findings
    /// listing starts after the last batch that staged devices.
    /// </summary>
    private static async Task<int> PageNumberAsync(IngestionStep step, IngestionCheckpoint checkpoint, int batchNumber, CancellationToken token)
    {
        if (checkpoint.Phase == IngestionPhases.Devices)
        {
            return batchNumber;
        }

        var lastDeviceBatch = await step.Db.StagedDevices.Where(d => d.RunId == step.Run.Id).MaxAsync(d => (int?)d.BatchNumber, token) ?? 0;
        return Math.Max(1, batchNumber - lastDeviceBatch);
    }

    private void Chain(PerformContext? job, Guid tenantId, Guid sourceId, Guid runId, IngestionCheckpoint checkpoint)
    {
        var next = checkpoint.Phase == IngestionPhases.Merge
            ? Job.FromExpression<IngestionMergeJob>(j => j.RunAsync(tenantId, sourceId, runId, null, CancellationToken.None))
            : Job.FromExpression<IngestionBatchJob>(j => j.RunAsync(tenantId, sourceId, runId, checkpoint.BatchNumber + 1, null, CancellationToken.None));
        successor.Chain(job, next);
    }

    private static async Task<SourcePage<T>> FirstPageAsync<T>(IAsyncEnumerable<SourcePage<T>> pages, CancellationToken token)
    {
        await using var enumerator = pages.GetAsyncEnumerator(token);
        return await enumerator.MoveNextAsync()
            ? enumerator.Current
            : new SourcePage<T>([], null, 0, 0);
    }
}
