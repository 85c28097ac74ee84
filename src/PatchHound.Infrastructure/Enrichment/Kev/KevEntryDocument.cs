namespace PatchHound.Infrastructure.Enrichment.Kev;

/// <summary>One element of the KEV catalog's <c>vulnerabilities</c> array, as published (dates still text).</summary>
internal sealed record KevEntryDocument(
    string? CveId,
    string? VulnerabilityName,
    string? DateAdded,
    string? DueDate,
    string? KnownRansomwareCampaignUse,
    string? ShortDescription);
