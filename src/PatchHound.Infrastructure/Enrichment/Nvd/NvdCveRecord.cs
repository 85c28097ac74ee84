using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Enrichment.Nvd;

/// <summary>
/// A CVE as the NVD describes it. <c>Name</c> is CISA's name for a known exploited CVE (the NVD has no title
/// otherwise); <c>Severity</c> follows from <c>CvssScore</c> by the CVSS v3 bands and is null without a v3 score.
/// </summary>
public sealed record NvdCveRecord(
    string CveId,
    string? Name,
    string? Description,
    DateTimeOffset? PublishedAt,
    decimal? CvssScore,
    string? CvssVector,
    Severity? Severity);
