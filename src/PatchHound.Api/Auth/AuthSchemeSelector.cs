using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using PatchHound.Api.ApiKeys;

namespace PatchHound.Api.Auth;

/// <summary>
/// Picks the scheme of a request from what it presents: a bearer token (the dev issuer's, when enabled, or the
/// identity provider's, also as <c>access_token</c> on hub paths), an API key, or else the session cookie. Every
/// endpoint thus accepts all of them.
/// </summary>
internal static class AuthSchemeSelector
{
    private const string BearerPrefix = "Bearer ";

    public static string Select(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return BearerScheme(context, authorization[BearerPrefix.Length..].Trim());
        }

        if (ApiKeyCredentials.IsPresented(context.Request))
        {
            return AuthSchemes.ApiKey;
        }

        return HubAccessTokens.Read(context.Request) is { } hubToken ? BearerScheme(context, hubToken) : AuthSchemes.Cookie;
    }

    private static string BearerScheme(HttpContext context, string token) =>
        IsDevToken(context, token) ? AuthSchemes.DevToken : AuthSchemes.Bearer;

    private static bool IsDevToken(HttpContext context, string token)
    {
        var dev = context.RequestServices.GetRequiredService<IOptions<DevTokenOptions>>().Value;
        if (!dev.Enabled)
        {
            return false;
        }

        // Only a routing hint: the chosen scheme validates the token in full.
        var handler = new JsonWebTokenHandler();
        return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer == dev.Issuer;
    }
}
