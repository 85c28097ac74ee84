using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Enrichment.Json;

namespace PatchHound.Infrastructure.Enrichment.Nvd;

/// <summary>Pages through the NVD CVE API 2.0 for CVEs modified in a window (typed HttpClient).</summary>
public sealed class NvdCveClient(
    HttpClient http,
    IOptions<EnrichmentOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<NvdCveClient> logger)
{
    public const string DocumentName = "NVD CVE API page";

    /// <summary>The header the NVD reads its API key from.</summary>
    public const string ApiKeyHeader = "apiKey";

    /// <summary>
    /// CVEs last modified between <paramref name="from"/> and <paramref name="to"/> (at most 120 days apart), page
    /// after page. Malformed and rejected CVEs are skipped and counted in <paramref name="tally"/>.
    /// </summary>
    public async IAsyncEnumerable<NvdCveRecord> ReadModifiedAsync(
        DateTimeOffset from, DateTimeOffset to, FeedTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var startIndex = 0;
        while (true)
        {
            using var response = await GetPageAsync(PageUri(settings, from, to, startIndex), cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var reader = new JsonArrayStreamReader<NvdJson.Item>(DocumentName, "vulnerabilities", FeedJson.Options);
            var received = 0;
            await foreach (var item in reader.ReadAsync(body, cancellationToken))
            {
                received++;
                var record = Parse(item, startIndex, tally);
                if (record is not null)
                {
                    yield return record;
                }
            }

            var total = TotalResults(reader);
            startIndex += received;
            if (startIndex >= total)
            {
                break;
            }

            if (received == 0)
            {
                throw new FeedFormatException(DocumentName, $"it holds no CVE at index {startIndex} of {total}.");
            }

            await Task.Delay(settings.NvdPageDelay, time, cancellationToken);
        }

        tally.MarkComplete();
    }

    /// <summary>
    /// Every CVE of one NVD CVE API 2.0-shaped document at <paramref name="location"/> (a mirrored data feed, gzip or
    /// plain). The tally is complete when the document holds as many CVEs as its <c>totalResults</c> says.
    /// </summary>
    public async IAsyncEnumerable<NvdCveRecord> ReadDocumentAsync(
        string location, FeedTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var feed = await FeedSource.OpenAsync(http, location, DocumentName, cancellationToken);
        await using var content = await FeedContent.OpenAsync(DocumentName, feed.Body, cancellationToken);
        var reader = new JsonArrayStreamReader<NvdJson.Item>(DocumentName, "vulnerabilities", FeedJson.Options);
        var received = 0;
        await foreach (var item in reader.ReadAsync(content.Stream, cancellationToken))
        {
            received++;
            var record = Parse(item, 0, tally);
            if (record is not null)
            {
                yield return record;
            }
        }

        content.EnsureComplete();
        var total = TotalResults(reader);
        if (total == received)
        {
            tally.MarkComplete();
        }
        else
        {
            logger.LogWarning("{Document} {Location} declares {Declared} CVEs but holds {Received}", DocumentName, location, total, received);
        }
    }

    private NvdCveRecord? Parse(JsonArrayItem<NvdJson.Item> item, int startIndex, FeedTally tally)
    {
        var cve = item.Value?.Cve;
        if (cve is not null && NvdCveParser.IsRejected(cve))
        {
            logger.LogDebug("{Document}: {CveId} is rejected; skipped", DocumentName, cve.Id);
            tally.Skip();
            return null;
        }

        string? problem = item.Error ?? "the element has no \"cve\" object";
        var record = cve is null ? null : NvdCveParser.Parse(cve, out problem);
        if (record is null && tally.Skip())
        {
            logger.LogWarning("{Document}: skipped CVE at index {Index}: {Problem}", DocumentName, startIndex + item.Index, problem);
        }

        return record;
    }

    private async Task<HttpResponseMessage> GetPageAsync(Uri uri, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.NvdMaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (ApiKey() is { } apiKey)
            {
                request.Headers.Add(ApiKeyHeader, apiKey);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (!IsThrottled(response.StatusCode) || attempt >= maxAttempts)
                {
                    response.EnsureSuccessStatusCode();
                }

                var delay = RetryDelay(response, attempt);
                logger.LogWarning(
                    "NVD answered {Status}; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})",
                    (int)response.StatusCode, delay, attempt + 1, maxAttempts);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private static bool IsThrottled(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>The server's Retry-After when it sends one; otherwise the configured delay, longer each attempt.</summary>
    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        var requested = retryAfter?.Delta ?? (retryAfter?.Date - time.GetUtcNow());
        if (requested is { } server)
        {
            return server < TimeSpan.Zero ? TimeSpan.Zero : server;
        }

        return options.Value.NvdRetryDelay * attempt;
    }

    /// <summary>Read from configuration under the name the options give; it never leaves this class.</summary>
    private string? ApiKey() =>
        options.Value.NvdApiKeyReference is { Length: > 0 } reference && configuration[reference] is { Length: > 0 } key
            ? key
            : null;

    private static Uri PageUri(EnrichmentOptions settings, DateTimeOffset from, DateTimeOffset to, int startIndex) =>
        new($"{settings.NvdApiUrl}?lastModStartDate={NvdDate(from)}&lastModEndDate={NvdDate(to)}" +
            $"&resultsPerPage={settings.NvdResultsPerPage}&startIndex={startIndex}");

    /// <summary>Extended ISO-8601 with an explicit offset, as the API requires; '+' must be escaped in a query.</summary>
    private static string NvdDate(DateTimeOffset value) =>
        Uri.EscapeDataString(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));

    private static int TotalResults(JsonArrayStreamReader<NvdJson.Item> reader)
    {
        if (!reader.SawArray)
        {
            throw new FeedFormatException(DocumentName, "it has no \"vulnerabilities\" array.");
        }

        return reader.TopLevelValues.TryGetValue("totalResults", out var total)
            && total.ValueKind == JsonValueKind.Number && total.TryGetInt32(out var value)
            ? value
            : throw new FeedFormatException(DocumentName, "it has no \"totalResults\" number.");
    }
}
