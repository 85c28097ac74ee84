using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Ingestion;

namespace PatchHound.Jobs.Ingestion;

/// <summary>One source page turned into staging rows.</summary>
public sealed record StagedPage(IReadOnlyList<StagedDeviceRow> Devices, IReadOnlyList<StagedFindingRow> Findings, string? NextCursor)
{
    public static StagedPage FromMachines(SourcePage<DefenderMachine> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new StagedPage(
            page.Items.Select(m => new StagedDeviceRow(
                m.Id, m.ComputerDnsName ?? m.Id, m.OsPlatform ?? "Unknown", m.OsVersion, m.LastSeen, m.MachineTags)).ToList(),
            [],
            page.NextCursor);
    }

    public static StagedPage FromVulnerabilities(SourcePage<DefenderVulnerabilityRecord> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new StagedPage(
            [],
            page.Items.Select(v => new StagedFindingRow(
                v.DeviceId, v.CveId, v.SoftwareName, v.SoftwareVersion, v.SoftwareVendor,
                v.VulnerabilitySeverityLevel ?? "Unknown", v.FirstSeenTimestamp, v.LastSeenTimestamp)).ToList(),
            page.NextCursor);
    }
}
