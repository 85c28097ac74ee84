using System.Text.Json;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// The CISA Known Exploited Vulnerabilities catalog embedded in this assembly (CC0 1.0, public domain): real CVE ids
/// with their vendor and product. Loaded once; about 1,400 small records.
/// </summary>
public sealed class KevCatalog
{
    private const string ResourceName = "PatchHound.DefenderSimulator.kev.json";

    private KevCatalog(IReadOnlyList<KevEntry> entries, string version)
    {
        Entries = entries;
        Version = version;
    }

    public IReadOnlyList<KevEntry> Entries { get; }

    public string Version { get; }

    public static KevCatalog LoadEmbedded()
    {
        using var stream = typeof(KevCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var entries = root.GetProperty("vulnerabilities").EnumerateArray()
            .Select(v => new KevEntry(
                v.GetProperty("cveID").GetString()!,
                v.GetProperty("vendorProject").GetString()!,
                v.GetProperty("product").GetString()!))
            .OrderBy(e => e.CveId, StringComparer.Ordinal)
            .ToArray();
        return new KevCatalog(entries, root.GetProperty("catalogVersion").GetString() ?? "unknown");
    }
}
