namespace PatchHound.DefenderSimulator.Tenants;

/// <summary>
/// The shape of one simulated Defender tenant, as configured (<c>Simulator:Tenants:{tenantId}:*</c>) or set at run
/// time (<c>PUT /_sim/tenants/{tenantId}</c>). Unset values fall back to <c>Simulator:DefaultTenant</c>.
/// </summary>
public sealed class TenantProfileOptions
{
    public int? Devices { get; set; }

    public int? FindingsPerDevice { get; set; }

    /// <summary>
    /// Software per device with no known vulnerability: export rows whose <c>cveId</c> is null, as a real tenant's
    /// export is mostly made of. At most one per product of <see cref="Data.SoftwareCatalog"/>.
    /// </summary>
    public int? InstalledSoftwarePerDevice { get; set; }

    /// <summary>Share of findings resolved (and replaced by new ones) at each generation advance, 0–100.</summary>
    public double? ChurnPercent { get; set; }

    /// <summary>Share of churn events that bring back a finding resolved earlier instead of a new one, 0–100.</summary>
    public double? ReopenPercent { get; set; }

    /// <summary>Share of findings whose CVE is in the CISA KEV catalog, 0–100; the rest get other real CVEs of the catalog.</summary>
    public double? KevPercent { get; set; }

    /// <summary>The generation the tenant starts in (before any advance).</summary>
    public int? Generation { get; set; }

    /// <summary>A client secret accepted for this tenant only, instead of <c>Simulator:ClientSecret</c>.</summary>
    public string? ClientSecret { get; set; }

    internal IEnumerable<string> Problems(string name)
    {
        if (Devices is < 0 or > 10_000_000)
        {
            yield return $"{name}:Devices must be between 0 and 10000000.";
        }

        if (FindingsPerDevice is < 0 or > 1000)
        {
            yield return $"{name}:FindingsPerDevice must be between 0 and 1000.";
        }

        if (InstalledSoftwarePerDevice is < 0 || InstalledSoftwarePerDevice > Data.SoftwareCatalog.Products.Count)
        {
            yield return $"{name}:InstalledSoftwarePerDevice must be between 0 and {Data.SoftwareCatalog.Products.Count}.";
        }

        foreach (var (key, value) in new[] { ("ChurnPercent", ChurnPercent), ("ReopenPercent", ReopenPercent), ("KevPercent", KevPercent) })
        {
            if (value is < 0 or > 100)
            {
                yield return $"{name}:{key} must be between 0 and 100.";
            }
        }

        if (Generation is < 0)
        {
            yield return $"{name}:Generation must not be negative.";
        }
    }
}
