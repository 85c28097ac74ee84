using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Streams one file of the via-files export from Azure Storage: gzip-compressed JSON lines, decompressed and parsed
/// while they arrive, handed out a chunk of records at a time. The request carries no Authorization header (the
/// SAS URL is its own credential; our Defender token must never reach storage), and what is logged or thrown names
/// the file by number and path, never its query string (the signature).
/// </summary>
public sealed class ExportFileDownloader(
    HttpClient http, IOptions<DefenderOptions> configured, TimeProvider time, ILogger<ExportFileDownloader> logger)
{
    private readonly DefenderOptions options = configured.Value;

    /// <exception cref="ExportFileExpiredException">The URL was refused (403/404): ask for fresh ones.</exception>
    /// <exception cref="SourceException">The file could not be read; see <see cref="SourceException.Permanent"/>.</exception>
    public async IAsyncEnumerable<SourcePage<DefenderVulnerabilityRecord>> ReadAsync(
        Uri url, int fileNumber, int chunkRecords, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRecords, 1);
        if (!ExportFileHosts.Allows(options.AllowedExportFileHosts, url))
        {
            throw new SourcePayloadException(
                $"Export file {fileNumber} is on {url.GetLeftPart(UriPartial.Authority)}, outside the allowed export file hosts; it was not requested.", fileNumber);
        }

        using var response = await SendAsync(url, fileNumber, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var gzip = new GZipStream(body, CompressionMode.Decompress);
        var reader = new JsonLinesReader<DefenderVulnerabilityRecord>(
            DefenderVulnerabilityReader.Instance, fileNumber, options.MaxExportLineBytes, chunkRecords);
        await foreach (var chunk in reader.ReadAsync(buffer => ReadBodyAsync(gzip, buffer, fileNumber, cancellationToken))
            .WithCancellation(cancellationToken))
        {
            yield return chunk;
        }

        logger.LogInformation("Read Defender export file {FileNumber} ({Path}): {Records} records", fileNumber, ExportFileHosts.Redacted(url), reader.RecordsRead);
    }

    private static async Task<int> ReadBodyAsync(GZipStream gzip, Memory<byte> buffer, int fileNumber, CancellationToken cancellationToken)
    {
        try
        {
            return await gzip.ReadAsync(buffer, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw new SourcePayloadException($"Defender export file {fileNumber} is not valid gzip: {exception.Message}", fileNumber, innerException: exception);
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The file's rows staged so far roll back with the batch; its retry reads the file again from the start.
            throw new SourceUnavailableException($"Defender export file {fileNumber} broke off while downloading.", exception);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, int fileNumber, CancellationToken cancellationToken)
    {
        var failed = 0;
        while (true)
        {
            using var timeout = new CancellationTokenSource(options.ExportFileHeadersTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            string what;
            Exception? error = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return response;
                }

                response.Dispose();
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    throw new ExportFileExpiredException(
                        $"Azure Storage answered {status} for Defender export file {fileNumber} ({ExportFileHosts.Redacted(url)}): its download URL expired or was revoked.");
                }

                if (status < 500 && response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
                {
                    throw new SourceRequestRefusedException(
                        $"Azure Storage answered {status} for Defender export file {fileNumber} ({ExportFileHosts.Redacted(url)}); retrying cannot help.");
                }

                what = $"answered {status}";
            }
            catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
            {
                (what, error) = ("could not be reached", exception);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                (what, error) = ($"did not answer within {options.ExportFileHeadersTimeout}", exception);
            }

            if (++failed >= options.MaxTransientAttempts)
            {
                throw new SourceUnavailableException(
                    $"Azure Storage {what} for Defender export file {fileNumber} on all {failed} attempts.", error);
            }

            var delay = RetryDelays.Backoff(failed, options.RetryBaseDelay, options.RetryMaxDelay);
            logger.LogWarning("Azure Storage {What} for Defender export file {FileNumber} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}",
                what, fileNumber, failed, options.MaxTransientAttempts, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }
}
