using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PatchHound.Infrastructure.Defender.RateBudget;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Streams one source's devices and vulnerability findings from the Defender for Endpoint API, page by page:
/// the next page is requested only when the caller asks for it, so one page is in memory at a time. With a
/// <see cref="DefenderCallPacer"/> every request first takes a permit of the Defender tenant's rate budget.
/// </summary>
public sealed class DefenderClient
{
    private readonly DefenderEndpoint endpoint;
    private readonly DefenderPageFetcher fetcher;
    private readonly IReadOnlyCollection<string> apiHosts;
    private readonly DefenderOptions options;

    public DefenderClient(
        HttpClient http,
        DefenderEndpoint endpoint,
        IDefenderTokenProvider tokens,
        DefenderOptions options,
        TimeProvider time,
        ILogger<DefenderClient> logger,
        DefenderCallPacer? pacer = null)
    {
        this.endpoint = endpoint;
        apiHosts = options.ApiHosts;
        this.options = options;
        fetcher = new DefenderPageFetcher(http, tokens, options, time, logger, pacer);
    }

    /// <summary>
    /// <c>GET /api/machines</c>, or the page at <c>resumeCursor</c> (a <see cref="SourcePage{T}.NextCursor"/> of an
    /// earlier enumeration). Defender decides this page size (up to 10,000): OData <c>$top</c> would cut the
    /// listing short rather than page it.
    /// </summary>
    /// <exception cref="SourceException">The source could not be read; see <see cref="SourceException.Permanent"/>.</exception>
    public IAsyncEnumerable<SourcePage<DefenderMachine>> ReadMachinesAsync(
        string? resumeCursor, CancellationToken cancellationToken) =>
        ReadMachinesAsync(resumeCursor, firstPageNumber: 1, cancellationToken);

    /// <inheritdoc cref="ReadMachinesAsync(string?, CancellationToken)"/>
    /// <param name="resumeCursor">Where to resume; null for the first page.</param>
    /// <param name="firstPageNumber">The number the first page read gets in page numbers and error messages: a caller resuming at its nth page passes n.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public IAsyncEnumerable<SourcePage<DefenderMachine>> ReadMachinesAsync(
        string? resumeCursor, int firstPageNumber, CancellationToken cancellationToken) =>
        ReadPagesAsync(endpoint.Resolve("api/machines"), DefenderMachineReader.Instance, resumeCursor, firstPageNumber, cancellationToken);

    /// <summary>
    /// <c>GET /api/machines/SoftwareVulnerabilitiesByMachine?pageSize=N</c> with the source's page size, or the
    /// page at <c>resumeCursor</c>.
    /// </summary>
    /// <exception cref="SourceException">The source could not be read; see <see cref="SourceException.Permanent"/>.</exception>
    public IAsyncEnumerable<SourcePage<DefenderVulnerabilityRecord>> ReadVulnerabilitiesAsync(
        string? resumeCursor, CancellationToken cancellationToken) =>
        ReadVulnerabilitiesAsync(resumeCursor, firstPageNumber: 1, cancellationToken);

    /// <inheritdoc cref="ReadVulnerabilitiesAsync(string?, CancellationToken)"/>
    /// <param name="resumeCursor">Where to resume; null for the first page.</param>
    /// <param name="firstPageNumber">The number the first page read gets in page numbers and error messages: a caller resuming at its nth page passes n.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public IAsyncEnumerable<SourcePage<DefenderVulnerabilityRecord>> ReadVulnerabilitiesAsync(
        string? resumeCursor, int firstPageNumber, CancellationToken cancellationToken) =>
        ReadPagesAsync(
            endpoint.Resolve(string.Create(
                CultureInfo.InvariantCulture, $"api/machines/SoftwareVulnerabilitiesByMachine?pageSize={endpoint.PageSize}")),
            DefenderVulnerabilityReader.Instance,
            resumeCursor,
            firstPageNumber,
            cancellationToken);

    /// <summary>
    /// <c>GET /api/machines/SoftwareVulnerabilityChangesByMachine?pageSize=N&amp;sinceTime=T</c>: the changes (New,
    /// Fixed, Updated) since <paramref name="since"/>, at most 14 days back; or the page at <paramref name="resumeCursor"/>.
    /// </summary>
    /// <exception cref="SourceException">The source could not be read; see <see cref="SourceException.Permanent"/>.</exception>
    public IAsyncEnumerable<SourcePage<DefenderVulnerabilityRecord>> ReadVulnerabilityChangesAsync(
        DateTimeOffset since, string? resumeCursor, int firstPageNumber, CancellationToken cancellationToken) =>
        ReadPagesAsync(
            endpoint.Resolve(string.Create(
                CultureInfo.InvariantCulture,
                $"api/machines/SoftwareVulnerabilityChangesByMachine?pageSize={endpoint.PageSize}&sinceTime={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}")),
            DefenderVulnerabilityReader.Instance,
            resumeCursor,
            firstPageNumber,
            cancellationToken);

    /// <summary>
    /// <c>GET /api/machines/SoftwareVulnerabilitiesExport</c>: the download URLs of the current snapshot's files (SAS
    /// URLs on Azure Storage, valid an hour) and its generation time. Every URL is checked against
    /// <see cref="ExportFileHosts"/> before the list is returned. Defender allows 5 calls a minute, 20 an hour.
    /// </summary>
    /// <exception cref="SourceException">The list could not be read, or names a file off the allowed hosts (permanent).</exception>
    public Task<ExportFileList> ReadExportFileListAsync(CancellationToken cancellationToken) =>
        fetcher.FetchAsync(
            endpoint.Resolve("api/machines/SoftwareVulnerabilitiesExport"),
            pageNumber: 1,
            (body, token) => ExportFileListReader.ReadAsync(body, options.MaxPageBytes, options.AllowedExportFileHosts, token),
            cancellationToken);

    private async IAsyncEnumerable<SourcePage<T>> ReadPagesAsync<T>(
        Uri firstPage,
        IJsonRecordReader<T> records,
        string? resumeCursor,
        int firstPageNumber,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstPageNumber, 1);
        var links = resumeCursor is null
            ? new NextLinkGuard(endpoint.BaseUrl, apiHosts, firstPage, firstPageNumber)
            : new NextLinkGuard(endpoint.BaseUrl, apiHosts, resumeCursor, firstPageNumber);
        var url = links.FirstPage ?? firstPage;
        for (var pageNumber = firstPageNumber; ; pageNumber++)
        {
            var page = await fetcher.FetchAsync(url, records, pageNumber, cancellationToken);

            // Checked before the page is handed out, so a bad link never reaches a checkpoint.
            var next = page.NextLink is null ? null : links.Next(url, page.NextLink, pageNumber);
            yield return new SourcePage<T>(page.Items, next?.AbsoluteUri, pageNumber, page.Bytes) { Skipped = page.Skipped };
            if (next is null)
            {
                yield break;
            }

            url = next;
        }
    }
}
