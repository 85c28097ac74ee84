using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>
/// A real OpenID Connect authority on 127.0.0.1 (Kestrel), shaped like Entra ID: a discovery document under
/// <c>/{tenant}/v2.0</c>, a JWKS with one RSA key, and tokens signed with it.
/// </summary>
public sealed class OidcAuthority : IAsyncDisposable
{
    public const string Audience = "api://patchhound-tests";

    private const string KeyId = "test-key-1";

    private readonly WebApplication app;

    private OidcAuthority(WebApplication app, RSA rsa)
    {
        this.app = app;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    /// <summary>The authority and issuer, e.g. <c>http://127.0.0.1:5123/test-tenant/v2.0</c>.</summary>
    public string Issuer { get; private set; } = string.Empty;

    public RsaSecurityKey SigningKey { get; }

    public int DiscoveryRequests { get; private set; }

    public static async Task<OidcAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var authority = new OidcAuthority(builder.Build(), RSA.Create(2048));
        authority.app.Run(authority.HandleAsync);
        await authority.app.StartAsync();
        authority.Issuer = authority.app.Urls.Single() + "/test-tenant/v2.0";
        return authority;
    }

    /// <summary>A key of the right shape and id that the authority does not publish: its signatures do not verify.</summary>
    public static RsaSecurityKey ForeignKey() => new(RSA.Create(2048)) { KeyId = KeyId };

    public string Issue(
        IReadOnlyDictionary<string, object> claims,
        string? audience = null,
        DateTimeOffset? expires = null,
        string? issuer = null,
        SecurityKey? key = null)
    {
        var until = expires ?? DateTimeOffset.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Claims = claims.ToDictionary(c => c.Key, c => c.Value),
            IssuedAt = until.AddHours(-1).UtcDateTime,
            NotBefore = until.AddHours(-1).UtcDateTime,
            Expires = until.UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An Entra-shaped access token for a person: <c>oid</c>, <c>sub</c>, <c>preferred_username</c>.</summary>
    public string IssueFor(string objectId, string email, DateTimeOffset? expires = null) =>
        Issue(new Dictionary<string, object>
        {
            ["oid"] = objectId,
            ["sub"] = "pairwise-" + objectId,
            ["preferred_username"] = email,
            ["name"] = "Someone",
            ["ver"] = "2.0",
        }, expires: expires);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SigningKey.Rsa?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == "/test-tenant/v2.0/.well-known/openid-configuration")
        {
            DiscoveryRequests++;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = app.Urls.Single() + "/test-tenant/discovery/v2.0/keys",
                ["authorization_endpoint"] = Issuer + "/authorize",
                ["token_endpoint"] = Issuer + "/token",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "pairwise" },
            });
            return;
        }

        if (path == "/test-tenant/discovery/v2.0/keys")
        {
            var parameters = SigningKey.Rsa.ExportParameters(false);
            await context.Response.WriteAsJsonAsync(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
