namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// A vulnerable product on a device as a source page reported it, with the source's signals. They are the tenant's
/// data (ADR 0010): the merge keeps them on the tenant's finding, never in the global catalog.
/// <see cref="Severity"/> is the source's word (Critical, High, Medium, Low).
/// </summary>
public sealed record StagedFindingRow(
    string DeviceExternalId,
    string CveId,
    string ProductName,
    string? ProductVersion,
    string? Vendor,
    string Severity,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset LastSeenAt)
{
    public decimal? CvssScore { get; init; }

    /// <summary>The source's exploitability word; the normalizer keeps only <see cref="Core.Findings.ExploitabilityLevel"/> names.</summary>
    public string? ExploitabilityLevel { get; init; }

    public bool? SecurityUpdateAvailable { get; init; }

    public string? RecommendedSecurityUpdate { get; init; }

    public string? RecommendedSecurityUpdateId { get; init; }

    public string? RecommendedSecurityUpdateUrl { get; init; }

    public string? RecommendationReference { get; init; }

    /// <summary>A delta row's <see cref="ChangeStatuses"/> word; null in a full run.</summary>
    public string? ChangeStatus { get; init; }

    /// <summary>A delta row's <c>eventTimestamp</c>; null in a full run.</summary>
    public DateTimeOffset? EventAt { get; init; }
}
