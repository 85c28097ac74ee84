using PatchHound.Core.Ingestion;

namespace PatchHound.Api.Ingestion;

internal sealed record IngestionRunDto(
    Guid Id,
    Guid SourceId,
    string Trigger,
    string Status,
    string? Phase,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int PagesDone,
    long RecordsDone,
    int DevicesSeen,
    int FindingsSeen,
    int FindingsNew,
    int FindingsReopened,
    int FindingsResolved,
    int TextValuesCleaned,
    int RecordsSkipped,
    IReadOnlyList<SkippedRecord> SkippedRecords,
    int DevicesNotListed,
    int FindingsWithoutDevice,
    int Attempts,
    string? Error)
{
    public static IngestionRunDto From(IngestionRun run, IngestionCheckpoint? checkpoint) => new(
        run.Id, run.SourceId, run.Trigger.ToString(), run.Status.ToString(), run.Phase, run.QueuedAt, run.StartedAt, run.FinishedAt,
        run.PagesDone, checkpoint?.RecordsSoFar ?? 0, run.DevicesSeen, run.FindingsSeen, run.FindingsNew, run.FindingsReopened,
        run.FindingsResolved, run.TextValuesCleaned, run.RecordsSkipped, run.SkippedRecords, run.DevicesNotListed,
        run.FindingsWithoutDevice, run.AttemptCount, run.Error);
}
