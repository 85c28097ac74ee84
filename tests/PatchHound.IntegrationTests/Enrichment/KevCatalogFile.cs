using System.Text;
using System.Text.Json.Nodes;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>The real CISA KEV catalog kept beside the repository (<c>../shared/data/kev</c>).</summary>
public static class KevCatalogFile
{
    private static readonly Lazy<byte[]> Content = new(() => File.ReadAllBytes(Path.Combine(
        Directory.GetParent(RepositoryRoot.Path)!.FullName, "shared", "data", "kev", "known_exploited_vulnerabilities.json")));

    public static byte[] Bytes => Content.Value;

    public static JsonObject Parse() => JsonNode.Parse(Bytes)!.AsObject();

    public static IReadOnlyList<JsonObject> Entries(JsonObject catalog) =>
        catalog["vulnerabilities"]!.AsArray().Select(e => e!.AsObject()).ToList();

    public static IReadOnlyList<string> CveIds() => Entries(Parse()).Select(e => (string)e["cveID"]!).ToList();

    /// <summary>The catalog with <paramref name="change"/> applied to its entries, and <c>count</c> kept right.</summary>
    public static byte[] With(Action<JsonArray> change)
    {
        var catalog = Parse();
        var entries = catalog["vulnerabilities"]!.AsArray();
        change(entries);
        catalog["count"] = entries.Count;
        return Encoding.UTF8.GetBytes(catalog.ToJsonString());
    }

    public static byte[] Without(string cveId) =>
        With(entries => entries.Remove(entries.Single(e => (string)e!["cveID"]! == cveId)));
}
