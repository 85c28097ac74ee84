namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// A vulnerable product on a device as a source page reported it. <see cref="Severity"/> is the source's word
/// (Critical, High, Medium, Low); it only rates catalog entries the merge has to create.
/// </summary>
public sealed record StagedFindingRow(
    string DeviceExternalId,
    string CveId,
    string ProductName,
    string? ProductVersion,
    string? Vendor,
    string Severity,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset LastSeenAt);
