namespace PatchHound.Infrastructure.Defender;

/// <summary>Where one source's Defender API is and how many records to ask for per page.</summary>
public sealed record DefenderEndpoint(Uri BaseUrl, int PageSize)
{
    /// <summary>A URL under the base URL, whether or not the base URL ends with a slash.</summary>
    public Uri Resolve(string relative) =>
        new(new Uri(BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl.AbsoluteUri : BaseUrl.AbsoluteUri + "/"), relative);
}
