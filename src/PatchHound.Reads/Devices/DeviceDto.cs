using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Devices;

/// <summary>A device with its risk score and how many open findings it has.</summary>
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
    DateTimeOffset LastSeenAt);
