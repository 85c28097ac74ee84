using System.Globalization;

namespace PatchHound.Reads.Findings;

/// <summary>The columns of the findings export, in the list's field names.</summary>
internal static class FindingsCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "id", "cveId", "title", "severity", "cvssScore", "epssScore", "isKnownExploited", "deviceId", "deviceName",
        "productName", "productVersion", "status", "slaState", "slaDueAt", "firstSeenAt", "lastSeenAt", "resolvedAt", "reopenCount",
        "sourceSeverity", "sourceCvssScore", "exploitabilityLevel", "securityUpdateAvailable", "recommendedSecurityUpdate",
        "recommendedSecurityUpdateId", "recommendedSecurityUpdateUrl", "recommendationReference",
    ];

    public static IReadOnlyList<string?> Fields(FindingDto f) =>
    [
        f.Id.ToString(), f.CveId, f.Title, f.Severity.ToString(), Number(f.CvssScore), Number(f.EpssScore),
        f.IsKnownExploited ? "true" : "false", f.DeviceId.ToString(), f.DeviceName, f.ProductName, f.ProductVersion,
        f.Status.ToString(), f.SlaState?.ToString(), Instant(f.SlaDueAt), Instant(f.FirstSeenAt), Instant(f.LastSeenAt),
        Instant(f.ResolvedAt), f.ReopenCount.ToString(CultureInfo.InvariantCulture),
        f.SourceSeverity?.ToString(), Number(f.SourceCvssScore), f.ExploitabilityLevel?.ToString(),
        f.SecurityUpdateAvailable switch { true => "true", false => "false", null => null }, f.RecommendedSecurityUpdate,
        f.RecommendedSecurityUpdateId, f.RecommendedSecurityUpdateUrl, f.RecommendationReference,
    ];

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Instant(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
