using System.ComponentModel.DataAnnotations;

namespace PatchHound.Jobs.Ingestion;

/// <summary>Bound from <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>
    /// Largest share of a page's records that may be unusable (no device id, no software name) and skipped; a page
    /// with more fails its batch, so a garbage page cannot silently empty a tenant.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxUnusableShare { get; set; } = 0.5;

    /// <summary>
    /// Records of a via-files export file staged per statement: one chunk of one file is in the worker's memory at a
    /// time, whatever the file's size.
    /// </summary>
    [Range(1, 200_000)]
    public int ExportFileChunkRecords { get; set; } = 10_000;

    /// <summary>
    /// How long a worker reuses a run's export file list (its download URLs) between batches before asking Defender
    /// again; below the URLs' one-hour validity, since Defender allows the list only 20 calls an hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "05:00:00")]
    public TimeSpan ExportFileListReuse { get; set; } = TimeSpan.FromMinutes(40);
}
