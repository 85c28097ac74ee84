namespace PatchHound.Infrastructure.Enrichment.Epss;

/// <summary>A CVE's EPSS probability and percentile, rounded as the catalog stores them.</summary>
public sealed record EpssScore(string CveId, decimal Score, decimal Percentile);
