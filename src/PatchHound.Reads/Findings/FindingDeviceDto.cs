using PatchHound.Core.Inventory;

namespace PatchHound.Reads.Findings;

/// <summary>The device a finding is on, as the finding detail shows it.</summary>
internal sealed record FindingDeviceDto(
    Guid Id, string Name, string OsPlatform, string? OsVersion, DeviceCriticality Criticality, decimal RiskScore)
{
    public static FindingDeviceDto From(Device d) => new(d.Id, d.Name, d.OsPlatform, d.OsVersion, d.Criticality, d.RiskScore);
}
