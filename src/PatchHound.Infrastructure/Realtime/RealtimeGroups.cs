using System.Security.Claims;
using PatchHound.Core.Identity;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>
/// The hub's groups. Every group is inside one tenant, and a connection joins only the groups of the memberships in
/// its own claims, so an event addressed within tenant X can reach nobody who is not a member of X.
/// </summary>
public static class RealtimeGroups
{
    /// <summary>The user id claim PatchHound.Api's sign-in puts on an identity (<c>PatchHoundClaims.UserId</c>).</summary>
    public const string UserIdClaim = "sub";

    /// <summary>One claim per membership, value <c>{tenantId}:{role}</c> (<c>PatchHoundClaims.TenantRole</c>).</summary>
    public const string TenantRoleClaim = "patchhound:tenant_role";

    /// <summary>Every member of the tenant.</summary>
    public static string Tenant(Guid tenantId) => $"tenant:{tenantId}";

    /// <summary>The members of the tenant with this role.</summary>
    public static string TenantRole(Guid tenantId, TenantRole role) => $"tenant:{tenantId}:role:{role}";

    /// <summary>One user, as a member of one tenant.</summary>
    public static string TenantUser(Guid tenantId, Guid userId) => $"tenant:{tenantId}:user:{userId}";

    /// <summary>The groups a caller joins on connecting.</summary>
    public static IReadOnlyList<string> For(ClaimsPrincipal caller)
    {
        Guid? userId = Guid.TryParse(caller.FindFirstValue(UserIdClaim), out var id) ? id : null;
        var groups = new List<string>();
        foreach (var (tenantId, role) in Memberships(caller))
        {
            groups.Add(Tenant(tenantId));
            groups.Add(TenantRole(tenantId, role));
            if (userId is { } user)
            {
                groups.Add(TenantUser(tenantId, user));
            }
        }

        return groups.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The caller's tenant memberships; malformed claims are ignored.</summary>
    public static IReadOnlyList<(Guid TenantId, TenantRole Role)> Memberships(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var memberships = new List<(Guid, TenantRole)>();
        foreach (var claim in caller.FindAll(TenantRoleClaim))
        {
            var separator = claim.Value.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0
                && Guid.TryParse(claim.Value.AsSpan(0, separator), out var tenantId)
                && Enum.TryParse<TenantRole>(claim.Value.AsSpan(separator + 1), ignoreCase: false, out var role)
                && Enum.IsDefined(role))
            {
                memberships.Add((tenantId, role));
            }
        }

        return memberships;
    }
}
