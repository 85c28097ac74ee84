using System.IO.Compression;
using System.Text;

namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>EPSS files shaped as FIRST publishes them: a comment line, the header, one row per CVE.</summary>
public static class EpssFile
{
    public const string Preamble = "#model_version:v2025.03.14,score_date:2025-08-26T12:55:00Z\ncve,epss,percentile\n";

    public static string Csv(params string[] rows) => Preamble + string.Join('\n', rows) + "\n";

    public static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    /// <summary>Rows for CVEs nobody has, to make a file large enough to cut in the middle.</summary>
    public static IEnumerable<string> Filler(int count) =>
        Enumerable.Range(10000, count).Select(i => $"CVE-2098-{i},0.00{i % 90 + 10},0.{i % 90 + 10}");
}
