namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// A software version installed on a device as a source page reported it; <see cref="StagedRowNormalizer"/> fits it
/// to the staging columns (an unknown vendor or version becomes empty text).
/// </summary>
public sealed record StagedSoftwareRow(
    string DeviceExternalId,
    string? Vendor,
    string Name,
    string? Version,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int EvidenceCount)
{
    /// <summary>A delta row's <see cref="ChangeStatuses"/> word; null in a full run.</summary>
    public string? ChangeStatus { get; init; }

    /// <summary>A delta row's <c>eventTimestamp</c>; null in a full run.</summary>
    public DateTimeOffset? EventAt { get; init; }
}
