using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Ingestion;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// One batch of a via-files run (ADR 0016): the next file of the run's export snapshot, streamed and staged a bounded
/// chunk at a time in one transaction with the checkpoint (which records the snapshot and how many files are done),
/// so a file is staged whole or not at all. The file list comes from <see cref="ExportFileListCache"/>; a refused
/// download URL (expired SAS) is asked for afresh once per batch. When Defender has generated a new snapshot since the
/// checkpoint's, the files are read again from the first with the run's staged export rows cleared: files of two
/// snapshots never mix, since a device may sit in another file of the new one.
/// </summary>
public sealed class ExportFileBatch(
    ExportFileListCache lists,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<ExportFileBatch> logger)
{
    public async Task StageAsync(
        IngestionStep step, IngestionCheckpoint checkpoint, int batchNumber, DefenderClient client, Action markStaged, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(markStaged);
        var run = step.Run;
        var position = ExportFileCursor.Parse(checkpoint.Cursor);
        var fresh = false;
        while (true)
        {
            var list = await lists.GetAsync(run.Id, client, fresh, token);
            var restart = position is not null && !position.IsSnapshot(list.GeneratedTime, list.Files.Count);
            var fileIndex = restart ? 0 : position?.FilesDone ?? 0;
            await using var transaction = await step.Db.Database.BeginTransactionAsync(token);
            var writer = step.Services.GetRequiredService<StagingWriter>();
            if (restart)
            {
                await writer.ClearExportRowsAsync(run.Id, token);
                var note = $"Defender generated a new export snapshot ({list.GeneratedTime:u}, {list.Files.Count} files) since this run read files of {position!.GeneratedTime:u} ({position.FileCount} files): reading the new one from its first file";
                logger.LogWarning("Ingestion run {RunId} (tenant {TenantId}): {Note}", run.Id, run.TenantId, note);
                Report(step, note);
            }

            FileResult file;
            try
            {
                file = fileIndex < list.Files.Count
                    ? await StageFileAsync(step, writer, list.Files[fileIndex], fileIndex + 1, batchNumber, token)
                    : FileResult.None;
            }
            catch (ExportFileExpiredException expired) when (!fresh)
            {
                logger.LogWarning("Ingestion run {RunId} (tenant {TenantId}): {Message} Asking Defender for fresh download URLs.",
                    run.Id, run.TenantId, expired.Message);
                await transaction.RollbackAsync(token);
                fresh = true;
                continue;
            }

            UnusablePage.Check(fileIndex + 1, file.Records + file.Skipped.Count, file.Skipped, options.Value.MaxUnusableShare);
            var done = Math.Min(fileIndex + 1, list.Files.Count);
            var phase = done >= list.Files.Count ? IngestionPhases.Merge : IngestionPhases.Findings;
            var cursor = new ExportFileCursor(list.GeneratedTime, list.Files.Count, done).ToString();
            checkpoint.Advance(phase, cursor, batchNumber, checkpoint.RecordsSoFar + file.Records, clock.GetUtcNow());
            run.EnterPhase(phase);
            run.RecordProgress(new IngestionProgress
            {
                PagesDone = 1,
                FindingsSeen = file.Findings,
                TextValuesCleaned = file.TextValuesCleaned,
            });
            run.RecordSkipped(file.Skipped);
            await step.Db.SaveChangesAsync(token);
            markStaged();
            await transaction.CommitAsync(token);
            if (file.Skipped.Count > 0)
            {
                logger.LogWarning(
                    "Batch {BatchNumber} of ingestion run {RunId} (tenant {TenantId}): skipped {Count} unusable records of export file {FileNumber}, first at record {RecordIndex}: {Reason}",
                    batchNumber, run.Id, run.TenantId, file.Skipped.Count, fileIndex + 1, file.Skipped[0].Index, file.Skipped[0].Reason);
            }

            Report(step, $"batch {batchNumber}: export file {done} of {list.Files.Count}: {file.Records} records, {file.Findings} findings staged, " +
                $"{file.Skipped.Count} unusable records skipped; next: {phase}");
            return;
        }
    }

    private async Task<FileResult> StageFileAsync(
        IngestionStep step, StagingWriter writer, Uri url, int fileNumber, int batchNumber, CancellationToken token)
    {
        await writer.ClearBatchAsync(step.Run.Id, batchNumber, token);
        var downloader = step.Services.GetRequiredService<ExportFileDownloader>();
        int records = 0, findings = 0, cleaned = 0;
        var skipped = new List<SkippedRecord>();
        await foreach (var chunk in downloader.ReadAsync(url, fileNumber, options.Value.ExportFileChunkRecords, token))
        {
            var page = StagedPage.FromVulnerabilities(chunk);
            var staged = await writer.AppendAsync(step.Run.Id, batchNumber, page.Findings, page.Software, token);
            records += page.Records;
            findings += page.Findings.Count;
            cleaned += staged.TextValuesCleaned;
            skipped.AddRange(page.Skipped);
        }

        return new FileResult(records, findings, cleaned, skipped);
    }

    private static void Report(IngestionStep step, string message) => Platform.JobProgress.Report(step.Job, message);

    private sealed record FileResult(int Records, int Findings, int TextValuesCleaned, IReadOnlyList<SkippedRecord> Skipped)
    {
        public static FileResult None { get; } = new(0, 0, 0, []);
    }
}
