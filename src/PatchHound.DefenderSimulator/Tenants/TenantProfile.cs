namespace PatchHound.DefenderSimulator.Tenants;

/// <summary>The effective shape of one tenant: configuration, run-time overrides and defaults merged.</summary>
public sealed record TenantProfile(
    string TenantId,
    ulong Seed,
    int Devices,
    int FindingsPerDevice,
    int InstalledSoftwarePerDevice,
    double ChurnPercent,
    double ReopenPercent,
    double KevPercent,
    string ClientSecret)
{
    public long TotalFindings => (long)Devices * FindingsPerDevice;

    /// <summary>Rows of the export per device: its findings first, then its software without a known vulnerability.</summary>
    public int ExportRowsPerDevice => FindingsPerDevice + InstalledSoftwarePerDevice;

    public long TotalExportRows => (long)Devices * ExportRowsPerDevice;

    /// <summary>Eight hex digits naming the tenant inside skip tokens, so a page link of one tenant fails in another.</summary>
    public string Fingerprint => (Seed >> 32).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
