using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// Reads one page of a run from its source, writes it to staging and advances the checkpoint in one transaction,
/// then chains the next batch (or the merge) as its continuation. A replayed batch whose checkpoint is already
/// ahead writes nothing and only makes sure its successor exists. Chain steps are never skipped (a skipped step
/// would break the chain): they wait for the source's lease instead, see <see cref="SourceLease"/>.
/// </summary>
public sealed class IngestionBatchJob(IngestionRunner runner, IngestionSuccessor successor, TimeProvider clock)
{
    [JobDisplayName("Ingestion batch {3} of run {2} (tenant {0}, source {1})")]
    [AutomaticRetry(Attempts = 20, DelaysInSeconds = [5, 15, 60, 120, 300], ExceptOn = [typeof(IngestionDeadLetteredException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(Guid tenantId, Guid sourceId, Guid runId, int batchNumber, PerformContext? job, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sourceId, runId, job, async (step, token) =>
        {
            var checkpoint = await step.Db.IngestionCheckpoints.SingleOrDefaultAsync(c => c.RunId == runId, token)
                ?? NewCheckpoint(step);
            if (checkpoint.BatchNumber < batchNumber - 1 || (checkpoint.BatchNumber == batchNumber - 1 && checkpoint.Phase == IngestionPhases.Merge))
            {
                throw new IngestionOrderException($"Batch {batchNumber} of run {runId} cannot follow checkpoint batch {checkpoint.BatchNumber} ({checkpoint.Phase}).");
            }

            if (checkpoint.BatchNumber == batchNumber - 1)
            {
                await ReadAndStageAsync(step, checkpoint, batchNumber, token);
            }

            Chain(step.Job, tenantId, sourceId, runId, checkpoint);
        }, cancellationToken);

    private IngestionCheckpoint NewCheckpoint(IngestionStep step)
    {
        var checkpoint = new IngestionCheckpoint(step.Run.TenantId, step.Run.Id, IngestionPhases.Devices, clock.GetUtcNow());
        step.Db.IngestionCheckpoints.Add(checkpoint);
        return checkpoint;
    }

    private async Task ReadAndStageAsync(IngestionStep step, IngestionCheckpoint checkpoint, int batchNumber, CancellationToken token)
    {
        var source = await step.Db.SourceConfigurations.AsNoTracking().SingleAsync(s => s.Id == step.Run.SourceId, token);
        var client = await step.Services.GetRequiredService<DefenderClientFactory>().CreateAsync(source, token);
        var page = checkpoint.Phase == IngestionPhases.Devices
            ? StagedPage.FromMachines(await FirstPageAsync(client.ReadMachinesAsync(checkpoint.Cursor, token), token))
            : StagedPage.FromVulnerabilities(await FirstPageAsync(client.ReadVulnerabilitiesAsync(checkpoint.Cursor, token), token));
        var (phase, cursor) = page.NextCursor is not null
            ? (checkpoint.Phase, page.NextCursor)
            : (checkpoint.Phase == IngestionPhases.Devices ? IngestionPhases.Findings : IngestionPhases.Merge, (string?)null);

        await using var transaction = await step.Db.Database.BeginTransactionAsync(token);
        var staged = await step.Services.GetRequiredService<StagingWriter>()
            .WriteAsync(step.Run.Id, batchNumber, page.Devices, page.Findings, token);
        checkpoint.Advance(phase, cursor, batchNumber, checkpoint.RecordsSoFar + page.Devices.Count + page.Findings.Count, clock.GetUtcNow());
        step.Run.EnterPhase(phase);
        step.Run.RecordProgress(new IngestionProgress
        {
            PagesDone = 1,
            DevicesSeen = page.Devices.Count,
            FindingsSeen = page.Findings.Count,
        });
        await step.Db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
        JobProgress.Report(step.Job, $"batch {batchNumber}: {staged}; run so far: {step.Run.PagesDone} pages, " +
            $"{step.Run.DevicesSeen} devices, {step.Run.FindingsSeen} findings; next: {phase}");
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
