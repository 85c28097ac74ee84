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

    /// <summary>Completed or failed scan requests older than this (by creation) are deleted.</summary>
    [Range(1, 3650)]
    public int FinishedScanRequestDays { get; set; } = 30;

    /// <summary>Rows per DELETE statement, so one sweep never holds many row locks at once.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}
