using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Devices;

/// <summary>
/// A device with its risk score and how many open findings it has, and what its source reports of it (machine group,
/// Entra join, device value, onboarding status, last local IP address, OS architecture).
/// </summary>
internal sealed record DeviceDto(
    Guid Id,
    Guid SourceId,
    string ExternalId,
    string Name,
    string OsPlatform,
    string? OsVersion,
    DeviceCriticality Criticality,
    IReadOnlyList<string> Tags,
    decimal RiskScore,
    int OpenFindingCount,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    string? RbacGroupId,
    string? RbacGroupName,
    string? AadDeviceId,
    bool? IsAadJoined,
    string? DeviceValue,
    string? OnboardingStatus,
    string? LastIpAddress,
    string? OsArchitecture);
