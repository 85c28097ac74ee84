namespace PatchHound.Infrastructure.Enrichment;

/// <summary>
/// Opens a feed where its configuration says it is: an http(s) URL (the publisher, or a mirror on the local network)
/// or a local file (an absolute path or a file: URI), for hosts that cannot reach the internet. Either way the body
/// is streamed, never read whole.
/// </summary>
internal static class FeedSource
{
    public static bool TryParse(string location, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(location))
        {
            return false;
        }

        if (Path.IsPathFullyQualified(location))
        {
            uri = new Uri(Path.GetFullPath(location));
            return true;
        }

        if (Uri.TryCreate(location, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps || parsed.IsFile))
        {
            uri = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The feed's body. A missing file or an unsuccessful HTTP answer throws, naming the location.</summary>
    public static async Task<OpenedFeed> OpenAsync(HttpClient http, string location, string document, CancellationToken cancellationToken)
    {
        if (!TryParse(location, out var uri))
        {
            throw new FeedFormatException(document, $"its location \"{location}\" is neither an http(s) URL nor a file.");
        }

        if (uri.IsFile)
        {
            if (!File.Exists(uri.LocalPath))
            {
                throw new FileNotFoundException($"The {document} file {uri.LocalPath} does not exist.", uri.LocalPath);
            }

            var file = new FileStream(uri.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return new OpenedFeed(file, null);
        }

        var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            response.EnsureSuccessStatusCode();
            return new OpenedFeed(await response.Content.ReadAsStreamAsync(cancellationToken), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

/// <summary>A feed body and the HTTP response it belongs to, if any; disposing it releases both.</summary>
internal sealed class OpenedFeed(Stream body, HttpResponseMessage? response) : IAsyncDisposable
{
    public Stream Body { get; } = body;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        response?.Dispose();
    }
}
