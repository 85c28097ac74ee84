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
                .ToArray());
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
            row.LastSeenAt.ToUniversalTime());
    }

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
            Math.Max(0, row.EvidenceCount));
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
