namespace PatchHound.Api.ApiKeys;

/// <summary>Where a request presents an API key: <c>Authorization: ApiKey {key}</c> or <c>X-Api-Key: {key}</c>.</summary>
internal static class ApiKeyCredentials
{
    public const string AuthorizationScheme = "ApiKey";
    public const string Header = "X-Api-Key";

    public static bool IsPresented(HttpRequest request) =>
        request.Headers.ContainsKey(Header) || FromAuthorization(request) is not null;

    public static string? Read(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        return header.Length > 0 ? header.Trim() : FromAuthorization(request);
    }

    private static string? FromAuthorization(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(AuthorizationScheme.Length + 1)..].Trim()
            : null;
    }
}
