namespace PatchHound.Infrastructure.Ingestion;

/// <summary>A device as a source page reported it; <see cref="StagedRowNormalizer"/> fits it to the staging columns.</summary>
public sealed record StagedDeviceRow(
    string ExternalId,
    string Name,
    string OsPlatform,
    string? OsVersion,
    DateTimeOffset LastSeenAt,
    IReadOnlyList<string> Tags);
