
namespace PatchHound.Reads.Devices;

/// <summary>A device with its open findings counted by severity, known-exploited and past their SLA deadline.</summary>
internal sealed record DeviceDetailDto(DeviceDto Device, SeverityCountsDto OpenFindings, int OpenKnownExploited, int SlaBreached);
