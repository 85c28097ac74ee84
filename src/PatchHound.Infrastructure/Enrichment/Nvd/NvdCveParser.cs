using System.Globalization;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Enrichment.Nvd;

/// <summary>Turns an NVD API element into an <see cref="NvdCveRecord"/>, or says why it cannot.</summary>
internal static class NvdCveParser
{
    public const string RejectedStatus = "Rejected";

    public static NvdCveRecord? Parse(NvdJson.Cve cve, out string? problem)
    {
        var cveId = cve.Id?.Trim().ToUpperInvariant();
        if (cveId is null || !CveId.IsValid(cveId))
        {
            problem = $"id \"{cve.Id}\" is not a CVE id";
            return null;
        }

        DateTimeOffset? published = null;
        if (!string.IsNullOrWhiteSpace(cve.Published))
        {
            // The API writes UTC times without an offset.
            if (!DateTimeOffset.TryParse(cve.Published, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                problem = $"{cveId}: published \"{cve.Published}\" is not a date";
                return null;
            }

            published = parsed;
        }

        var cvss = PreferredCvss(cve.Metrics);
        var score = cvss?.BaseScore;
        if (score is not null && !IsCvssScore(score.Value))
        {
            problem = $"{cveId}: CVSS base score {score} is not between 0 and 10 with one decimal";
            return null;
        }

        var vector = score is null ? null : CatalogText.Text(cvss?.VectorString);
        if (vector?.Length > Vulnerability.CvssVectorMaxLength)
        {
            problem = $"{cveId}: CVSS vector is longer than {Vulnerability.CvssVectorMaxLength} characters";
            return null;
        }

        problem = null;
        return new NvdCveRecord(
            cveId,
            CatalogText.Title(cve.CisaVulnerabilityName),
            EnglishDescription(cve.Descriptions),
            published,
            score,
            vector,
            score is null ? null : Severity.FromCvss(score.Value));
    }

    public static bool IsRejected(NvdJson.Cve cve) =>
        string.Equals(cve.VulnStatus, RejectedStatus, StringComparison.OrdinalIgnoreCase);

    /// <summary>CVSS v3.1 before v3.0; within a version the NVD's own (Primary) assessment before a CNA's.</summary>
    private static NvdJson.CvssData? PreferredCvss(NvdJson.Metrics? metrics)
    {
        foreach (var candidates in new[] { metrics?.CvssMetricV31, metrics?.CvssMetricV30 })
        {
            var usable = candidates?.Where(m => m.CvssData?.BaseScore is not null).ToList() ?? [];
            var chosen = usable.FirstOrDefault(m => string.Equals(m.Type, "Primary", StringComparison.OrdinalIgnoreCase))
                ?? usable.FirstOrDefault();
            if (chosen is not null)
            {
                return chosen.CvssData;
            }
        }

        return null;
    }

    // The same rule as Vulnerability.RateCvss: 0 to 10, one decimal place.
    private static bool IsCvssScore(decimal score) =>
        score is >= 0m and <= SeverityExtensions.MaxCvssScore && decimal.Round(score, 1) == score;

    private static string? EnglishDescription(IReadOnlyList<NvdJson.Description>? descriptions) =>
        CatalogText.Text(descriptions?.FirstOrDefault(d => string.Equals(d.Lang, "en", StringComparison.OrdinalIgnoreCase))?.Value);
}
