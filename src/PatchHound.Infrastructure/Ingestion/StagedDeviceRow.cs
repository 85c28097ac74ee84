namespace PatchHound.Infrastructure.Ingestion;

/// <summary>A device as a source page reported it; <see cref="StagedRowNormalizer"/> fits it to the staging columns.</summary>
public sealed record StagedDeviceRow(
    string ExternalId,
    string Name,
    string OsPlatform,
    string? OsVersion,
    DateTimeOffset LastSeenAt,
    IReadOnlyList<string> Tags)
{
    public string? RbacGroupId { get; init; }

    public string? RbacGroupName { get; init; }

    public string? AadDeviceId { get; init; }

    public bool? IsAadJoined { get; init; }

    public string? DeviceValue { get; init; }

    public string? OnboardingStatus { get; init; }

    public string? LastIpAddress { get; init; }

    public string? OsArchitecture { get; init; }
}
