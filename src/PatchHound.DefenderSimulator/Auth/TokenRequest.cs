using System.Text;
using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Auth;

/// <summary>A client credentials token request, checked as Entra ID checks it (in the same order and with its codes).</summary>
public sealed record TokenRequest(string ClientId, string Audience)
{
    private const string DefaultSuffix = "/.default";

    /// <summary>The v2.0 endpoint takes <c>scope</c> (…/.default); the v1 endpoint (<paramref name="v2"/> false) takes <c>resource</c>.</summary>
    public static (TokenRequest? Request, TokenRequestError? Error) Check(
        string tenantId, IFormCollection form, string? authorization, bool v2, TenantDirectory tenants, SimulatorOptions options)
    {
        var (basicId, basicSecret) = Basic(authorization);
        var grantType = form["grant_type"].ToString();
        var clientId = basicId ?? form["client_id"].ToString();
        var secret = basicSecret ?? form["client_secret"].ToString();
        var target = (v2 ? form["scope"] : form["resource"]).ToString();
        if (grantType.Length == 0)
        {
            return (null, TokenRequestError.Missing("grant_type"));
        }

        if (grantType != "client_credentials")
        {
            return (null, new(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'."));
        }

        if (clientId.Length == 0)
        {
            return (null, TokenRequestError.Missing("client_id"));
        }

        if (target.Length == 0)
        {
            return (null, TokenRequestError.Missing(v2 ? "scope" : "resource"));
        }

        if (v2 && !target.EndsWith(DefaultSuffix, StringComparison.Ordinal))
        {
            return (null, new(400, "invalid_scope", 1002012, $"The provided value for scope {target} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."));
        }

        if (options.ClientId is { Length: > 0 } onlyClient && !string.Equals(onlyClient, clientId, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenantId}'."));
        }

        if (secret.Length == 0)
        {
            return (null, new(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."));
        }

        var expected = tenants.Profile(tenantId).ClientSecret;
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected)))
        {
            return (null, new(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'."));
        }

        return (new TokenRequest(clientId, v2 ? target[..^DefaultSuffix.Length] : target), null);
    }

    // client_secret_basic: "Basic base64(urlencoded id:urlencoded secret)".
    private static (string? Id, string? Secret) Basic(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
