using PatchHound.Core.Common;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Fits source rows to the staging columns. Keys (device id, CVE id) must be exact: a missing or oversized device id
/// is refused. Descriptive text is trimmed and cut to the column length, because one long host name must not fail a
/// whole run; every text, keys included, is first made storable by <see cref="TextCleaning"/>, which counts the
/// values it changed.
/// </summary>
public static class StagedRowNormalizer
{
    public static StagedDeviceRow Device(StagedDeviceRow row, TextCleaning text)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        var externalId = Key(text.Clean(row.ExternalId), nameof(row.ExternalId));
        return new StagedDeviceRow(
            externalId,
            Fit(text.Clean(row.Name), Limits.Name) ?? externalId,
            Fit(text.Clean(row.OsPlatform), Core.Inventory.Device.OsPlatformMaxLength) ?? "Unknown",
            Fit(text.Clean(row.OsVersion), Core.Inventory.Device.OsVersionMaxLength),
            row.LastSeenAt.ToUniversalTime(),
            (row.Tags ?? [])
                .Select(tag => Fit(text.Clean(tag), Core.Inventory.Device.TagMaxLength))
                .OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray())
        {
            RbacGroupId = Fit(text.Clean(row.RbacGroupId), Core.Inventory.Device.RbacGroupIdMaxLength),
            RbacGroupName = Fit(text.Clean(row.RbacGroupName), Limits.Name),
            AadDeviceId = Fit(text.Clean(row.AadDeviceId), Core.Inventory.Device.AadDeviceIdMaxLength),
            IsAadJoined = row.IsAadJoined,
            DeviceValue = Fit(text.Clean(row.DeviceValue), Limits.EnumText),
            OnboardingStatus = Fit(text.Clean(row.OnboardingStatus), Limits.EnumText),
            LastIpAddress = Fit(text.Clean(row.LastIpAddress), Core.Inventory.Device.IpAddressMaxLength),
            OsArchitecture = Fit(text.Clean(row.OsArchitecture), Core.Inventory.Device.OsArchitectureMaxLength),
        };
    }

    /// <summary>Null when the id is not a CVE: such rows are skipped, not errors.</summary>
    public static StagedFindingRow? Finding(StagedFindingRow row, TextCleaning text)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        var cveId = text.Clean(row.CveId)?.Trim().ToUpperInvariant();
        if (!CveId.IsValid(cveId))
        {
            return null;
        }

        return new StagedFindingRow(
            Key(text.Clean(row.DeviceExternalId), nameof(row.DeviceExternalId)),
            cveId!,
            Fit(text.Clean(row.ProductName), Core.Findings.Finding.ProductNameMaxLength) ?? "Unknown",
            Fit(text.Clean(row.ProductVersion), Core.Findings.Finding.ProductVersionMaxLength),
            Fit(text.Clean(row.Vendor), Limits.Name),
            SeverityName(text.Clean(row.Severity)),
            row.FirstSeenAt?.ToUniversalTime(),
            row.LastSeenAt.ToUniversalTime())
        {
            CvssScore = CvssScore(row.CvssScore),
            ExploitabilityLevel = ExploitabilityName(text.Clean(row.ExploitabilityLevel)),
            SecurityUpdateAvailable = row.SecurityUpdateAvailable,
            RecommendedSecurityUpdate = Fit(text.Clean(row.RecommendedSecurityUpdate), Limits.Name),
            RecommendedSecurityUpdateId = Fit(text.Clean(row.RecommendedSecurityUpdateId), Core.Findings.Finding.SecurityUpdateIdMaxLength),
            RecommendedSecurityUpdateUrl = Fit(text.Clean(row.RecommendedSecurityUpdateUrl), Limits.Url),
            RecommendationReference = Fit(text.Clean(row.RecommendationReference), Core.Findings.Finding.RecommendationReferenceMaxLength),
            ChangeStatus = ChangeStatuses.Normalize(row.ChangeStatus),
            EventAt = row.EventAt?.ToUniversalTime(),
        };
    }

    /// <summary>A CVSS base score (0 to 10, one decimal); anything else is dropped rather than failing the run.</summary>
    public static decimal? CvssScore(decimal? score) =>
        score is >= 0m and <= SeverityExtensions.MaxCvssScore ? decimal.Round(score.Value, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>The <see cref="Core.Findings.ExploitabilityLevel"/> name for a source's word; null when unknown.</summary>
    public static string? ExploitabilityName(string? word) =>
        Enum.TryParse<Core.Findings.ExploitabilityLevel>(word?.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level)
            && !int.TryParse(word, out _)
            ? level.ToString()
            : null;

    public static StagedSoftwareRow Software(StagedSoftwareRow row, TextCleaning text)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        return new StagedSoftwareRow(
            Key(text.Clean(row.DeviceExternalId), nameof(row.DeviceExternalId)),
            Fit(text.Clean(row.Vendor), Core.Inventory.InstalledSoftware.VendorMaxLength) ?? string.Empty,
            Fit(text.Clean(row.Name), Core.Inventory.InstalledSoftware.NameMaxLength) ?? "Unknown",
            Fit(text.Clean(row.Version), Core.Inventory.InstalledSoftware.VersionMaxLength) ?? string.Empty,
            row.FirstSeenAt?.ToUniversalTime(),
            row.LastSeenAt.ToUniversalTime(),
            Math.Max(0, row.EvidenceCount))
        {
            ChangeStatus = ChangeStatuses.Normalize(row.ChangeStatus),
            EventAt = row.EventAt?.ToUniversalTime(),
        };
    }

    /// <summary>The domain's <see cref="Severity"/> name for a source's word; anything unknown is None.</summary>
    public static string SeverityName(string? word) =>
        Enum.TryParse<Severity>(word?.Trim(), ignoreCase: true, out var severity) && Enum.IsDefined(severity)
            && !int.TryParse(word, out _)
            ? severity.ToString()
            : nameof(Severity.None);

    private static string Key(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Core.Inventory.Device.ExternalIdMaxLength)
        {
            throw new ArgumentException(
                $"{field} is required and at most {Core.Inventory.Device.ExternalIdMaxLength} characters; got \"{value}\".",
                field);
        }

        return trimmed;
    }

    private static string? Fit(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, maxLength)];
    }
}
