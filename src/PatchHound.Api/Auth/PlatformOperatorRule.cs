using System.Security.Claims;
using PatchHound.Api.ApiKeys;

namespace PatchHound.Api.Auth;

/// <summary>
/// Who is a platform operator: a signed-in person with the operator claim, never an API key. The
/// <see cref="Policies.PlatformOperator"/> policy and the operator pages ask this one rule.
/// </summary>
internal static class PlatformOperatorRule
{
    public static bool Allows(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.HasClaim(PatchHoundClaims.PlatformOperator, "true")
        && !ApiKeyPrincipal.IsApiKey(user);
}
