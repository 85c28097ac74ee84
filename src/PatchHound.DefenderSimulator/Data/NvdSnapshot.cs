using System.Globalization;
using System.Text.Json;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Every CVE the simulator uses, from the NVD CVE API 2.0-shaped document embedded in this assembly
/// (<c>Data/Resources/nvd-cves.json</c>, written by <c>scripts/simulator-data/generate.py</c>): real CVE ids with
/// synthetic CVSS v3.1 scores and dates. The software is the first CPE of the record's configurations.
/// </summary>
public static class NvdSnapshot
{
    private const string ResourceName = "PatchHound.DefenderSimulator.nvd-cves.json";

    public static IReadOnlyList<CatalogCve> LoadEmbedded()
    {
        using var stream = typeof(NvdSnapshot).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("vulnerabilities").EnumerateArray()
            .Select(item => Read(item.GetProperty("cve")))
            .OrderBy(c => c.CveId, StringComparer.Ordinal)];
    }

    private static CatalogCve Read(JsonElement cve)
    {
        var id = cve.GetProperty("id").GetString()!;
        var score = cve.GetProperty("metrics").GetProperty("cvssMetricV31")[0].GetProperty("cvssData").GetProperty("baseScore").GetDouble();
        var criteria = cve.GetProperty("configurations")[0].GetProperty("nodes")[0].GetProperty("cpeMatch")[0]
            .GetProperty("criteria").GetString()!;
        // cpe:2.3:a:{vendor}:{product}:…
        var parts = criteria.Split(':');
        if (parts.Length < 5)
        {
            throw new InvalidOperationException($"{id}: \"{criteria}\" is not a CPE 2.3 name.");
        }

        var published = DateTime.Parse(cve.GetProperty("published").GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new CatalogCve(id, parts[3], parts[4], score, published);
    }
}
