using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.DefenderSimulator.Data;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Stats;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>
/// The via-files export. <c>GET /api/machines/SoftwareVulnerabilitiesExport?sasValidHours=</c> (bearer token, faults,
/// statistics as the other endpoints) answers <c>{"@odata.context", "exportFiles": [url, …], "generatedTime"}</c> for
/// the tenant's current generation, split into <see cref="SimulatorOptions.ExportFileCount"/> files; each URL is a
/// SAS-like link to <see cref="FilePath"/> that carries its expiry (<c>se</c>) and a signature (<c>sig</c>). A file is
/// served as Azure Storage would: gzip-compressed JSON lines of the export's rows, without any bearer token (one sent
/// is counted as <see cref="StatKind.AuthorizationHeaders"/>), and 403 <c>AuthenticationFailed</c> in XML when the
/// URL has expired or its signature does not match.
/// </summary>
public static class ExportFilesApi
{
    public const string Path = "/api/machines/SoftwareVulnerabilitiesExport";
    public const string FilePath = "/_blob/tvm-export/{tenantId}/{generation:int}/{file}";
    private const string ContextPath = "/api/$metadata#microsoft.windowsDefenderATP.api.ExportFilesResponse";
    private const int MaxSasValidHours = 6;
    private const int FlushBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapExportFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ListAsync);
        app.MapGet(FilePath, FileAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, int? sasValidHours, ExportFileSigner signer, SimulatedEpoch epoch, TimeProvider time, [AsParameters] ApiServices services)
    {
        var (tenantId, refusal) = services.Gate.Authenticate(http, SimulatorEndpoints.Exports);
        if (tenantId is null)
        {
            return refusal!;
        }

        if (sasValidHours is < 1 or > MaxSasValidHours)
        {
            return DefenderErrors.Error(StatusCodes.Status400BadRequest, "InvalidRequestBody", $"sasValidHours must be between 1 and {MaxSasValidHours}.");
        }

        var (_, replacement) = await services.Gate.ApplyFaultsAsync(http, tenantId, SimulatorEndpoints.Exports, 1);
        if (replacement is not null)
        {
            return replacement;
        }

        var options = services.Options.Value;
        var generation = services.Tenants.Generation(tenantId);
        var lifetime = options.ExportFileUrlLifetime ?? TimeSpan.FromHours(sasValidHours ?? 1);
        var now = time.GetUtcNow();
        var start = now.AddMinutes(-5);
        var expiry = now + lifetime;
        var origin = options.ExportFilesAuthority is { Length: > 0 } alias ? $"{http.Request.Scheme}://{alias}" : RequestOrigin.Of(http.Request);
        var files = Enumerable.Range(1, options.ExportFileCount).Select(file =>
        {
            var expiryText = expiry.UtcDateTime.ToString(ExportFileSigner.ExpiryFormat, CultureInfo.InvariantCulture);
            var startText = start.UtcDateTime.ToString(ExportFileSigner.ExpiryFormat, CultureInfo.InvariantCulture);
            var signature = signer.Sign(tenantId, generation, file, DateTimeOffset.Parse(expiryText, CultureInfo.InvariantCulture));
            return string.Create(CultureInfo.InvariantCulture,
                $"{origin}/_blob/tvm-export/{tenantId.ToLowerInvariant()}/{generation}/part-{file:00000}.json.gz?sv=2019-12-12&st={Uri.EscapeDataString(startText)}&se={Uri.EscapeDataString(expiryText)}&sr=b&sp=r&sig={Uri.EscapeDataString(signature)}");
        }).ToList();
        services.Stats.Add(tenantId, SimulatorEndpoints.Exports, StatKind.Pages);
        services.Stats.Add(tenantId, SimulatorEndpoints.Exports, StatKind.Items, files.Count);
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["@odata.context"] = RequestOrigin.Of(http.Request) + ContextPath,
            ["exportFiles"] = files,
            ["generatedTime"] = epoch.At(generation).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
    }

    private static async Task<IResult> FileAsync(
        HttpContext http, string tenantId, int generation, string file, string? se, string? sig,
        ExportFileSigner signer, TimeProvider time, [AsParameters] ApiServices services)
    {
        var stats = services.Stats;
        stats.Add(tenantId, SimulatorEndpoints.ExportFiles, StatKind.Requests);
        if (http.Request.Headers.Authorization.Count > 0)
        {
            stats.Add(tenantId, SimulatorEndpoints.ExportFiles, StatKind.AuthorizationHeaders);
        }

        var options = services.Options.Value;
        if (!TryFileNumber(file, out var fileNumber) || fileNumber > options.ExportFileCount
            || !DateTimeOffset.TryParseExact(se, ExportFileSigner.ExpiryFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiry)
            || !signer.Verifies(tenantId, generation, fileNumber, expiry, sig))
        {
            stats.Add(tenantId, SimulatorEndpoints.ExportFiles, StatKind.Forbidden);
            return AuthenticationFailed("Signature did not match. String to sign used was r.");
        }

        var now = time.GetUtcNow();
        if (now >= expiry)
        {
            stats.Add(tenantId, SimulatorEndpoints.ExportFiles, StatKind.Forbidden);
            return AuthenticationFailed(string.Create(CultureInfo.InvariantCulture,
                $"Signed expiry time [{expiry.UtcDateTime:R}] must be after signed start time [{now.UtcDateTime:R}]"));
        }

        var (faults, replacement) = await services.Gate.ApplyFaultsAsync(http, tenantId, SimulatorEndpoints.ExportFiles, fileNumber);
        if (replacement is not null)
        {
            return replacement;
        }

        var tenant = services.Tenants.Profile(tenantId);
        var firstDevice = (long)tenant.Devices * (fileNumber - 1) / options.ExportFileCount;
        var endDevice = (long)tenant.Devices * fileNumber / options.ExportFileCount;
        return new GzipLinesResult(async (stream, cancel) =>
        {
            // Rows are written to a buffer and sent asynchronously in 64 KB pieces: Kestrel allows no synchronous writes.
            var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
            var rows = 0L;
            var total = (endDevice - firstDevice) * tenant.ExportRowsPerDevice;
            var truncated = faults.Has(FaultKind.TruncatedJson);
            await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
            for (var device = firstDevice; device < endDevice && !cancel.IsCancellationRequested; device++)
            {
                var machine = services.Machines.Generate(tenant, device, generation);
                for (var slot = 0; slot < tenant.ExportRowsPerDevice; slot++)
                {
                    if (truncated && rows == total / 2)
                    {
                        json.Flush();
                        buffer.Write("{\"id\":\"cut-off"u8);
                        await stream.WriteAsync(buffer.WrittenMemory, cancel);
                        return;
                    }

                    var row = slot < tenant.FindingsPerDevice
                        ? services.Findings.Generate(tenant, machine, slot, generation)
                        : services.Findings.Installed(tenant, machine, slot - tenant.FindingsPerDevice, generation);
                    var exportRow = (device * tenant.ExportRowsPerDevice) + slot;
                    FindingJson.Write(json, row, faults, withoutDevice: faults.Has(FaultKind.UnusableRows) && exportRow % 10 == 0);
                    json.Flush();
                    buffer.Write("\n"u8);
                    json.Reset(buffer);
                    rows++;
                    if (buffer.WrittenCount >= FlushBytes)
                    {
                        await stream.WriteAsync(buffer.WrittenMemory, cancel);
                        buffer.Clear();
                    }
                }
            }

            await stream.WriteAsync(buffer.WrittenMemory, cancel);
            stats.Add(tenantId, SimulatorEndpoints.ExportFiles, StatKind.Pages);
            stats.Add(tenantId, SimulatorEndpoints.ExportFiles, StatKind.Items, rows);
        });
    }

    private static bool TryFileNumber(string file, out int number)
    {
        number = 0;
        return file.StartsWith("part-", StringComparison.Ordinal) && file.EndsWith(".json.gz", StringComparison.Ordinal)
            && int.TryParse(file["part-".Length..^".json.gz".Length], NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number >= 1;
    }

    private static ContentHttpResult AuthenticationFailed(string detail) => TypedResults.Content(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. "
        + "Make sure the value of Authorization header is formed correctly including the signature.</Message><AuthenticationErrorDetail>"
        + System.Security.SecurityElement.Escape(detail) + "</AuthenticationErrorDetail></Error>",
        "application/xml",
        statusCode: StatusCodes.Status403Forbidden);

    /// <summary>A blob of gzip-compressed JSON lines, compressed while it is written.</summary>
    private sealed class GzipLinesResult(Func<Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/octet-stream";
            httpContext.Response.Headers["x-ms-blob-type"] = "BlockBlob";
            await using var gzip = new GZipStream(httpContext.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await write(gzip, httpContext.RequestAborted);
        }
    }
}
