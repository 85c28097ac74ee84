using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>
/// A finding in the list and the export. <see cref="SlaState"/> is null unless the finding is open.
/// <see cref="Severity"/> and <see cref="CvssScore"/> are the effective ones (ADR 0010): the catalog's once an
/// enrichment feed rated the CVE, else the tenant's own source's; <see cref="SourceSeverity"/> and
/// <see cref="SourceCvssScore"/> are the source's word, shown next to them.
/// </summary>
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
    int ReopenCount,
    Severity? SourceSeverity,
    decimal? SourceCvssScore,
    ExploitabilityLevel? ExploitabilityLevel,
    bool? SecurityUpdateAvailable,
    string? RecommendedSecurityUpdate,
    string? RecommendedSecurityUpdateId,
    string? RecommendedSecurityUpdateUrl,
    string? RecommendationReference)
{
    public static FindingDto From(Finding f, Vulnerability v, Device d, SlaWindow window) => new(
        f.Id, f.DeviceId, d.Name, f.VulnerabilityId, v.Title,
        v.Severity != Severity.None ? v.Severity : f.SourceSeverity ?? Severity.None, v.CvssV3Score ?? f.SourceCvssScore,
        v.EpssScore, v.IsKnownExploited, f.ProductName, f.ProductVersion, f.Status, f.FirstSeenAt, f.LastSeenAt,
        f.ResolvedAt, f.SlaDueAt, window.StateOf(f.Status, f.SlaDueAt), f.ReopenCount, f.SourceSeverity, f.SourceCvssScore,
        f.ExploitabilityLevel, f.SecurityUpdateAvailable, f.RecommendedSecurityUpdate, f.RecommendedSecurityUpdateId,
        f.RecommendedSecurityUpdateUrl, f.RecommendationReference);
}
