using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>How long finished, disposable rows are kept (section <c>Retention</c>). The audit log is never purged.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Read notifications older than this (by creation) are deleted; unread ones are kept.</summary>
    [Range(1, 3650)]
    public int ReadNotificationDays { get; set; } = 90;

    /// <summary>Finished ingestion runs (and their checkpoints) older than this (by finish time) are deleted.</summary>
    [Range(1, 3650)]
    public int FinishedIngestionRunDays { get; set; } = 30;

    /// <summary>
    /// How long a dead-lettered ingestion run keeps its staged pages, so that an operator's requeue can resume it from
    /// its checkpoint. After that its pages are deleted and a requeue fails with a clear error instead of resuming.
    /// Cancelled runs lose theirs at once.
    /// </summary>
    [Range(1, 3650)]
    public int DeadLetteredStagingDays { get; set; } = 7;

    /// <summary>Completed or failed scan requests older than this (by creation) are deleted.</summary>
    [Range(1, 3650)]
    public int FinishedScanRequestDays { get; set; } = 30;

    /// <summary>Rows per DELETE statement (and runs per batch), so one sweep never holds many row locks at once.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}
