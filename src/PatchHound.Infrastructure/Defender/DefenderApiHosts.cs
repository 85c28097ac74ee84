namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// The host names of the Defender API family a next link may point to besides the source's own origin: the
/// documentation's examples answer a request to one name with links on another (the legacy
/// <c>api.securitycenter.microsoft.com</c>, a regional host). Anything else stays refused, so a forged link cannot
/// send our bearer token elsewhere (SSRF).
/// </summary>
public static class DefenderApiHosts
{
    /// <summary>Global, legacy, regional and US Government hosts, as the API reference lists them.</summary>
    public static IReadOnlyList<string> Documented { get; } =
    [
        "api.security.microsoft.com",
        "api.securitycenter.microsoft.com",
        "us.api.security.microsoft.com",
        "eu.api.security.microsoft.com",
        "uk.api.security.microsoft.com",
        "au.api.security.microsoft.com",
        "swa.api.security.microsoft.com",
        "ina.api.security.microsoft.com",
        "api-us.security.microsoft.com",
        "api-eu.security.microsoft.com",
        "api-uk.security.microsoft.com",
        "api-us.securitycenter.microsoft.com",
        "api-eu.securitycenter.microsoft.com",
        "api-uk.securitycenter.microsoft.com",
        "api-gcc.securitycenter.microsoft.us",
        "api-gov.securitycenter.microsoft.us",
    ];

    /// <summary>
    /// True when <paramref name="target"/> is on <paramref name="origin"/>'s origin, or uses its scheme and an
    /// allowed authority: <c>host</c> (the scheme's default port) or <c>host:port</c>.
    /// </summary>
    public static bool Allows(IReadOnlyCollection<string> allowed, Uri origin, Uri target)
    {
        if (!string.Equals(target.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(target.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase) && target.Port == origin.Port)
        {
            return true;
        }

        var host = target.IdnHost;
        var authority = $"{host}:{target.Port}";
        return allowed.Any(entry =>
            string.Equals(entry, authority, StringComparison.OrdinalIgnoreCase)
            || (target.IsDefaultPort && string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)));
    }
}
