namespace PatchHound.Api.Auth;

/// <summary>
/// Browsers cannot set headers on WebSocket and server-sent-event requests, so SignalR clients send the bearer token
/// as <c>access_token</c> in the query string. Accepted on hub paths only, where there is no other way.
/// </summary>
internal static class HubAccessTokens
{
    public const string PathPrefix = "/hubs";
    private const string QueryParameter = "access_token";

    public static string? Read(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = request.Query[QueryParameter].ToString();
        return token.Length > 0 ? token : null;
    }
}
