using PatchHound.Core.Findings;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Api.Findings;

/// <summary>
/// A finding joined with its vulnerability and device, as the list, the keyset and the export read it. A class with
/// init properties (not a positional record) so EF can translate filters and orderings on its members.
/// </summary>
internal sealed class FindingRow
{
    public Guid Id { get; init; }

    public Guid DeviceId { get; init; }

    public string DeviceName { get; init; } = string.Empty;

    public string VulnerabilityId { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public Severity Severity { get; init; }

    /// <summary>Severity as a number (None 0 … Critical 4): severity is stored by name, which does not sort.</summary>
    public int SeverityRank { get; init; }

    public decimal? CvssScore { get; init; }

    public decimal? EpssScore { get; init; }

    /// <summary>EPSS with "no score" as -1: a non-null sort key.</summary>
    public decimal EpssKey { get; init; }

    public bool IsKnownExploited { get; init; }

    public string ProductName { get; init; } = string.Empty;

    public string? ProductVersion { get; init; }

    public FindingStatus Status { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public DateTimeOffset LastSeenAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? SlaDueAt { get; init; }

    public int ReopenCount { get; init; }
}
