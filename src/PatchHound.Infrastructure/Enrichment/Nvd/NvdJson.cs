namespace PatchHound.Infrastructure.Enrichment.Nvd;

/// <summary>The parts of an NVD CVE API 2.0 response the catalog uses, as published (dates still text).</summary>
internal static class NvdJson
{
    /// <summary>An element of the response's <c>vulnerabilities</c> array.</summary>
    internal sealed record Item(Cve? Cve);

    internal sealed record Cve(
        string? Id,
        string? Published,
        string? VulnStatus,
        string? CisaVulnerabilityName,
        IReadOnlyList<Description>? Descriptions,
        Metrics? Metrics);

    internal sealed record Description(string? Lang, string? Value);

    internal sealed record Metrics(IReadOnlyList<CvssMetric>? CvssMetricV31, IReadOnlyList<CvssMetric>? CvssMetricV30);

    /// <summary><c>Type</c> is <c>Primary</c> for the NVD's own assessment, <c>Secondary</c> for a CNA's.</summary>
    internal sealed record CvssMetric(string? Source, string? Type, CvssData? CvssData);

    internal sealed record CvssData(string? Version, string? VectorString, decimal? BaseScore, string? BaseSeverity);
}
