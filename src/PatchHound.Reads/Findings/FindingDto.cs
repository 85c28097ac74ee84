using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>A finding in the list and the export. <see cref="SlaState"/> is null unless the finding is open.</summary>
internal sealed record FindingDto(
    Guid Id,
    Guid DeviceId,
    string DeviceName,
    string CveId,
    string Title,
    Severity Severity,
    decimal? CvssScore,
    decimal? EpssScore,
    bool IsKnownExploited,
    string ProductName,
    string? ProductVersion,
    FindingStatus Status,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? SlaDueAt,
    SlaState? SlaState,
    int ReopenCount)
{
    public static FindingDto From(Finding f, Vulnerability v, Device d, SlaWindow window) => new(
        f.Id, f.DeviceId, d.Name, f.VulnerabilityId, v.Title, v.Severity, v.CvssV3Score, v.EpssScore, v.IsKnownExploited,
        f.ProductName, f.ProductVersion, f.Status, f.FirstSeenAt, f.LastSeenAt, f.ResolvedAt, f.SlaDueAt,
        window.StateOf(f.Status, f.SlaDueAt), f.ReopenCount);
}
