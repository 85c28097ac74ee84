namespace PatchHound.Infrastructure.Enrichment.Kev;

/// <summary>
/// A CVE listed in CISA's Known Exploited Vulnerabilities catalog. <c>DueDate</c> is null when the catalog gives
/// none usable (see <see cref="KevEntryParser"/>); <c>KnownRansomwareCampaignUse</c> is read for completeness, the
/// catalog table has no column for it yet.
/// </summary>
public sealed record KevEntry(
    string CveId,
    string Name,
    DateOnly DateAdded,
    DateOnly? DueDate,
    bool KnownRansomwareCampaignUse,
    string? ShortDescription);
