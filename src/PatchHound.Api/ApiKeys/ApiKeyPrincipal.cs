using System.Security.Claims;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;

namespace PatchHound.Api.ApiKeys;

/// <summary>
/// The identity of a request made with an API key: it acts for its own tenant only, as <c>apikey:{prefix}</c>, with
/// the tenant roles its scopes map to (<see cref="ApiKeyScopes"/>), and has no user (<c>sub</c>).
/// </summary>
internal static class ApiKeyPrincipal
{
    public static ClaimsPrincipal Create(ApiKey key, Endpoint? endpoint, string scheme)
    {
        var roles = ApiKeyScopes.RolesFor(key.Scopes).ToHashSet();
        if (endpoint?.Metadata.GetMetadata<ApiKeyScopeMetadata>() is { } named && key.HasScope(named.Scope))
        {
            roles.UnionWith(endpoint.Metadata.GetMetadata<TenantRolesMetadata>()?.Roles ?? []);
        }

        var claims = new List<Claim>
        {
            new(PatchHoundClaims.Actor, $"apikey:{key.Prefix}"),
            new(PatchHoundClaims.Name, key.Name),
            new(PatchHoundClaims.ApiKeyId, key.Id.ToString()),
        };
        claims.AddRange(key.Scopes.Select(scope => new Claim(PatchHoundClaims.ApiKeyScope, scope)));
        claims.AddRange(roles.Select(role => new Claim(PatchHoundClaims.TenantRole, $"{key.TenantId}:{role}")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, PatchHoundClaims.Name, null));
    }

    public static bool IsApiKey(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PatchHoundClaims.ApiKeyId);

    public static IReadOnlyCollection<string> ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(PatchHoundClaims.ApiKeyScope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
