using System.Globalization;
using System.Text.Json;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Parses the via-files export's answer (<c>{"exportFiles": [url, …], "generatedTime": "…"}</c>) and checks every
/// URL against <see cref="ExportFileHosts"/> before any is requested.
/// </summary>
internal static class ExportFileListReader
{
    public static async Task<ExportFileList> ReadAsync(
        Stream body, long maxBytes, IReadOnlyCollection<string> allowedHosts, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                throw Fault($"is larger than the {maxBytes} bytes allowed (Defender:MaxPageBytes)");
            }

            copy.Write(buffer, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(copy.ToArray());
        }
        catch (JsonException exception)
        {
            throw Fault($"is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("exportFiles", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                throw Fault("has no 'exportFiles' array");
            }

            if (!root.TryGetProperty("generatedTime", out var generated) || generated.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(generated.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var generatedTime))
            {
                throw Fault("has no readable 'generatedTime'");
            }

            var urls = new List<Uri>();
            foreach (var file in files.EnumerateArray())
            {
                var number = urls.Count + 1;
                if (file.ValueKind != JsonValueKind.String || !Uri.TryCreate(file.GetString(), UriKind.Absolute, out var url))
                {
                    throw Fault($"names export file {number} with something that is not an absolute URL");
                }

                if (!ExportFileHosts.Allows(allowedHosts, url))
                {
                    throw Fault(
                        $"names export file {number} on {url.GetLeftPart(UriPartial.Authority)}, outside https Azure Storage (*{ExportFileHosts.AzureBlobSuffix}) and the allowed export file hosts (Defender:AllowedExportFileHosts); no file was requested");
                }

                urls.Add(url);
            }

            return new ExportFileList(generatedTime, urls);
        }
    }

    private static SourcePayloadException Fault(string problem, Exception? inner = null) =>
        new($"Defender's export file list (SoftwareVulnerabilitiesExport) {problem}.", 1, field: "exportFiles", innerException: inner);
}
