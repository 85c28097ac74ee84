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
}
