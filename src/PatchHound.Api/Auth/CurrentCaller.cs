using System.Security.Claims;

namespace PatchHound.Api.Auth;

/// <summary>Who is making the request, as every endpoint and the audit trail name them.</summary>
internal sealed class CurrentCaller(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The PatchHound user, or null for an API key (which acts for a tenant, not a person).</summary>
    public Guid? UserId => Guid.TryParse(User.FindFirstValue(PatchHoundClaims.UserId), out var id) ? id : null;

    public bool IsPlatformOperator => User.HasClaim(PatchHoundClaims.PlatformOperator, "true");

    /// <summary><c>user:{id}</c> or <c>apikey:{prefix}</c>: the actor written to the audit log and to case history.</summary>
    public string Actor =>
        User.FindFirstValue(PatchHoundClaims.Actor)
        ?? (UserId is { } id ? $"user:{id}" : throw new InvalidOperationException("The request has no authenticated caller."));
}
