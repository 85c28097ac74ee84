using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Decides whether a next link (or a resume cursor, which is one) may be requested: it must stay on the
/// configured origin or the Defender API's host family (<see cref="DefenderApiHosts"/>), so a forged link cannot
/// send our bearer token elsewhere (SSRF), must not lead back to a
/// page of this enumeration (a cycle would never end), and must fit in an ingestion checkpoint.
/// </summary>
internal sealed class NextLinkGuard
{
    private readonly Uri baseUrl;
    private readonly IReadOnlyCollection<string> apiHosts;
    private readonly Dictionary<string, int> requested = new(StringComparer.Ordinal);

    public NextLinkGuard(Uri baseUrl, IReadOnlyCollection<string> apiHosts, Uri firstPage, int firstPageNumber)
    {
        this.baseUrl = baseUrl;
        this.apiHosts = apiHosts;
        requested.Add(firstPage.AbsoluteUri, firstPageNumber);
    }

    public NextLinkGuard(Uri baseUrl, IReadOnlyCollection<string> apiHosts, string resumeCursor, int firstPageNumber)
    {
        this.baseUrl = baseUrl;
        this.apiHosts = apiHosts;
        FirstPage = Accept(baseUrl, resumeCursor, "The resume cursor", firstPageNumber, firstPageNumber);
    }

    /// <summary>The validated resume cursor, when the enumeration resumes.</summary>
    public Uri? FirstPage { get; }

    public Uri Next(Uri currentPage, string nextLink, int pageNumber) =>
        Accept(currentPage, nextLink, $"The @odata.nextLink of Defender page {pageNumber}", pageNumber, pageNumber + 1);

    private Uri Accept(Uri relativeTo, string link, string what, int pageNumber, int targetPage)
    {
        if (!Uri.TryCreate(relativeTo, link, out var target))
        {
            throw Fault($"{what} is not a URL", pageNumber);
        }

        if (!DefenderApiHosts.Allows(apiHosts, baseUrl, target))
        {
            throw Fault(
                $"{what} points to {target.GetLeftPart(UriPartial.Authority)}, outside the source's origin {baseUrl.GetLeftPart(UriPartial.Authority)} and the allowed Defender API hosts (Defender:AllowedApiHosts); it was not requested",
                pageNumber);
        }

        if (target.AbsoluteUri.Length > IngestionCheckpoint.CursorMaxLength)
        {
            throw Fault($"{what} is longer than the {IngestionCheckpoint.CursorMaxLength} characters a checkpoint holds", pageNumber);
        }

        if (!requested.TryAdd(target.AbsoluteUri, targetPage))
        {
            throw Fault($"{what} leads back to page {requested[target.AbsoluteUri]} of this enumeration (a cycle)", pageNumber);
        }

        return target;
    }


    private static SourcePayloadException Fault(string message, int pageNumber) =>
        new($"{message}.", pageNumber, field: "@odata.nextLink");
}
