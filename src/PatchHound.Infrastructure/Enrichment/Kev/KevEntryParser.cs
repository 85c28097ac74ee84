using System.Globalization;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Enrichment.Kev;

/// <summary>Turns a published KEV element into a <see cref="KevEntry"/>, or says why it cannot.</summary>
internal static class KevEntryParser
{
    public static KevEntry? Parse(KevEntryDocument document, out string? problem, out bool dueDateDropped)
    {
        dueDateDropped = false;
        var cveId = document.CveId?.Trim().ToUpperInvariant();
        if (cveId is null || !CveId.IsValid(cveId))
        {
            problem = $"cveID \"{document.CveId}\" is not a CVE id";
            return null;
        }

        if (!TryParseDate(document.DateAdded, out var dateAdded) || dateAdded is null)
        {
            problem = $"{cveId}: dateAdded \"{document.DateAdded}\" is not a date";
            return null;
        }

        if (!TryParseDate(document.DueDate, out var dueDate))
        {
            problem = $"{cveId}: dueDate \"{document.DueDate}\" is not a date";
            return null;
        }

        // Entries carried over from directives older than the catalog (added 2021-11-03) have due dates before
        // their date added. The domain refuses such a pair, and the entry is still known exploited: keep the flag,
        // drop the meaningless due date.
        if (dueDate < dateAdded)
        {
            dueDate = null;
            dueDateDropped = true;
        }

        problem = null;
        return new KevEntry(
            cveId,
            CatalogText.Title(document.VulnerabilityName) ?? cveId,
            dateAdded.Value,
            dueDate,
            string.Equals(document.KnownRansomwareCampaignUse?.Trim(), "Known", StringComparison.OrdinalIgnoreCase),
            CatalogText.Text(document.ShortDescription));
    }

    /// <summary>False for text that is not a yyyy-MM-dd date; true with null for an absent one.</summary>
    private static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }
}
