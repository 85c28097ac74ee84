using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Ingestion;

/// <summary>
/// Where a run got to, so a restarted worker resumes instead of starting over. Batch numbers and record
/// counts run across the whole run (not per phase) and never go backwards.
/// </summary>
public sealed class IngestionCheckpoint : ITenantOwned
{
    public const int CursorMaxLength = Limits.LongText;

    /// <summary>
    /// The phase of a dead-lettered run whose staged pages retention deleted: the run cannot resume from here, since
    /// a merge would see only the pages read after the requeue.
    /// </summary>
    public const string DiscardedPhase = "discarded";

    private IngestionCheckpoint()
    {
        Phase = string.Empty;
    }

    public IngestionCheckpoint(Guid tenantId, Guid runId, string phase, DateTimeOffset at)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        RunId = Guard.Id(runId, "checkpoint.run_required", "RunId");
        Phase = ValidPhase(phase);
        UpdatedAt = at.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid RunId { get; private set; }

    public string Phase { get; private set; }

    /// <summary>Opaque continuation token of the source (next-page link or skip token).</summary>
    public string? Cursor { get; private set; }

    public int BatchNumber { get; private set; }

    public long RecordsSoFar { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsDiscarded => Phase == DiscardedPhase;

    /// <summary>Re-recording the current batch is allowed (a replayed batch); an earlier one is refused.</summary>
    public void Advance(string phase, string? cursor, int batchNumber, long recordsSoFar, DateTimeOffset at)
    {
        Guard.Rule(
            !IsDiscarded,
            "checkpoint.discarded",
            $"Run {RunId} had its staged pages discarded; its checkpoint cannot advance.");
        Guard.Rule(
            batchNumber >= BatchNumber,
            "checkpoint.backwards",
            $"Checkpoint of run {RunId} is at batch {BatchNumber}; it cannot go back to batch {batchNumber}.");
        Guard.Rule(
            recordsSoFar >= RecordsSoFar,
            "checkpoint.backwards",
            $"Checkpoint of run {RunId} has {RecordsSoFar} records; it cannot go back to {recordsSoFar}.");

        Guard.Rule(
            cursor is null || cursor.Length <= CursorMaxLength,
            "checkpoint.invalid_cursor",
            $"Cursor must be at most {CursorMaxLength} characters.");

        Phase = ValidPhase(phase);
        Cursor = string.IsNullOrEmpty(cursor) ? null : cursor;
        BatchNumber = batchNumber;
        RecordsSoFar = recordsSoFar;
        UpdatedAt = at.Utc();
    }

    /// <summary>Marks the run's staged pages as deleted (retention does the same in SQL).</summary>
    public void Discard(DateTimeOffset at)
    {
        Phase = DiscardedPhase;
        Cursor = null;
        UpdatedAt = at.Utc();
    }

    private static string ValidPhase(string phase) =>
        Guard.Text(phase, IngestionRun.PhaseMaxLength, "checkpoint.invalid_phase", "Phase");
}
