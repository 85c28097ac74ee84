using System.Globalization;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Enrichment.Epss;

/// <summary>
/// The EPSS CSV: <c>#model_version:...,score_date:...</c>, then the header <c>cve,epss,percentile</c>, then one
/// row per CVE.
/// </summary>
internal static class EpssCsv
{
    public const string Header = "cve,epss,percentile";

    public static bool IsComment(string line) => line.StartsWith('#');

    public static bool IsHeader(string line) => string.Equals(line.Trim(), Header, StringComparison.OrdinalIgnoreCase);

    public static EpssScore? ParseRow(string line, out string? problem)
    {
        var fields = line.Split(',');
        if (fields.Length != 3)
        {
            problem = $"expected 3 fields, found {fields.Length}";
            return null;
        }

        var cveId = fields[0].Trim().ToUpperInvariant();
        if (!CveId.IsValid(cveId))
        {
            problem = $"\"{fields[0]}\" is not a CVE id";
            return null;
        }

        if (!TryParseProbability(fields[1], out var score) || !TryParseProbability(fields[2], out var percentile))
        {
            problem = $"{cveId}: epss \"{fields[1]}\" and percentile \"{fields[2]}\" must be numbers between 0 and 1";
            return null;
        }

        problem = null;
        return new EpssScore(cveId, Round(score), Round(percentile));
    }

    // As Vulnerability.ScoreEpss rounds (banker's rounding); PostgreSQL would round half away from zero instead.
    private static decimal Round(decimal value) => decimal.Round(value, Vulnerability.EpssDecimals);

    private static bool TryParseProbability(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value is >= 0m and <= 1m;
}
