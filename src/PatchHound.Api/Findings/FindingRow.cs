using PatchHound.Core.Findings;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Api.Findings;

/// <summary>A finding joined with its vulnerability and device, as the list, the keyset and the export read it.</summary>
internal sealed record FindingRow(
    Guid Id,
    Guid DeviceId,
    string DeviceName,
    string VulnerabilityId,
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
    int ReopenCount)
{
    /// <summary>Severity as a number: its enum value (None 0 … Critical 4), what the severity sort orders by.</summary>
    public int SeverityRank => (int)Severity;

    /// <summary>EPSS with "no score" as -1: a non-null sort key.</summary>
    public decimal EpssKey => EpssScore ?? -1m;
}
