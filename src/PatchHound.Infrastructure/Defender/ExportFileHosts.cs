namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Where a download URL of the via-files export may point: https on Azure Storage's blob service
/// (<c>*.blob.core.windows.net</c>, as Defender documents) or on a configured addition
/// (<c>Defender:AllowedExportFileHosts</c>). The URL is fetched without our bearer token, but an unchecked one would
/// still make the worker request whatever a forged answer names (SSRF).
/// </summary>
public static class ExportFileHosts
{
    /// <summary>Azure Storage's public cloud blob endpoints: <c>{account}.blob.core.windows.net</c>.</summary>
    public const string AzureBlobSuffix = ".blob.core.windows.net";

    /// <summary>
    /// True for an https URL on <see cref="AzureBlobSuffix"/> or on a configured entry: <c>host</c> (default port),
    /// <c>host:port</c>, <c>*.suffix</c> (any host under it, default port), all https; or <c>http://host:port</c>, which
    /// allows plain http to exactly that authority (a local simulator, never Azure).
    /// </summary>
    public static bool Allows(IReadOnlyCollection<string> configured, Uri url)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        var host = url.IdnHost;
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            var origin = $"http://{host}:{url.Port}";
            return configured.Any(entry => string.Equals(entry.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        if (url.IsDefaultPort && IsUnder(host, AzureBlobSuffix))
        {
            return true;
        }

        var authority = $"{host}:{url.Port}";
        return configured.Any(entry =>
            string.Equals(entry, authority, StringComparison.OrdinalIgnoreCase)
            || (url.IsDefaultPort && string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            || (url.IsDefaultPort && entry.StartsWith("*.", StringComparison.Ordinal) && IsUnder(host, entry[1..])));
    }

    /// <summary>Whether a configured entry has one of the accepted shapes.</summary>
    public static bool IsValidEntry(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        if (entry.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(entry, UriKind.Absolute, out var origin) && origin.AbsolutePath == "/" && string.IsNullOrEmpty(origin.Query)
                && entry.TrimEnd('/').Length == $"http://{origin.Authority}".Length && !origin.IsDefaultPort;
        }

        var body = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
        return body.Length > 0 && !body.Contains('/', StringComparison.Ordinal) && !body.Contains('*', StringComparison.Ordinal)
            && !body.Contains('?', StringComparison.Ordinal) && !body.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>The URL without its query (the SAS signature) and fragment: what logs and errors may show.</summary>
    public static string Redacted(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : "(relative URL)";
    }

    private static bool IsUnder(string host, string suffix) =>
        host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length;
}
