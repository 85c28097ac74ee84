using PatchHound.Core.Ingestion;

namespace PatchHound.Reads.Ingestion;

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
    /// <summary>
    /// How the run reads (ADR 0016): <c>Full</c> (the paged JSON export), <c>Delta</c> (only the changes since the last
    /// successful run) or <c>Files</c> (the full export via files).
    /// </summary>
    public string PullMode { get; init; } = nameof(IngestionPullMode.Full);

    /// <summary>A delta's <c>sinceTime</c>.</summary>
    public DateTimeOffset? DeltaSince { get; init; }

    /// <summary>Why the run reads otherwise than its source asks, e.g. a delta that fell back to a full run.</summary>
    public string? PullNote { get; init; }

    public static IngestionRunDto From(IngestionRun run, IngestionCheckpoint? checkpoint) => new(
        run.Id, run.SourceId, run.Trigger.ToString(), run.Status.ToString(), run.Phase, run.QueuedAt, run.StartedAt, run.FinishedAt,
        run.PagesDone, checkpoint?.RecordsSoFar ?? 0, run.DevicesSeen, run.FindingsSeen, run.FindingsNew, run.FindingsReopened,
        run.FindingsResolved, run.TextValuesCleaned, run.RecordsSkipped, run.SkippedRecords, run.DevicesNotListed,
        run.FindingsWithoutDevice, run.AttemptCount, run.Error)
    {
        PullMode = run.PullMode.ToString(),
        DeltaSince = run.DeltaSince,
        PullNote = run.PullNote,
    };
}
