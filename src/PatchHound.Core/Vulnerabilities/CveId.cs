using System.Text.RegularExpressions;
using PatchHound.Core.Common;

namespace PatchHound.Core.Vulnerabilities;

/// <summary>CVE identifiers (<c>CVE-2024-3400</c>): the key of the vulnerability catalog.</summary>
public static partial class CveId
{
    public const int MaxLength = 32;

    public static bool IsValid(string? id) => id is { Length: <= MaxLength } && Pattern().IsMatch(id);

    /// <summary>The stored form (upper-case, trimmed); refuses anything that is not a CVE id.</summary>
    public static string Normalize(string? id)
    {
        var normalized = id?.Trim().ToUpperInvariant();
        Guard.Rule(
            IsValid(normalized),
            "vulnerability.invalid_id",
            $"\"{id}\" is not a CVE id (expected CVE-YYYY-NNNN with four or more digits).");
        return normalized!;
    }

    // [0-9] rather than \d: \d also matches non-ASCII digits.
    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
