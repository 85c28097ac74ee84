using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Api.Auth;

/// <summary>
/// A user's memberships in every tenant. They span tenants, so they are read under an audited platform scope; between
/// explicit sign-ins a replica reuses them for <see cref="PatchHoundAuthenticationOptions.MembershipCacheDuration"/>
/// rather than opening that scope on every request of a session or bearer token.
/// </summary>
internal sealed class UserMemberships(
    PatchHoundDbContext db,
    PlatformAccess platform,
    IMemoryCache cache,
    IOptions<PatchHoundAuthenticationOptions> options)
{
    public async Task<IReadOnlyList<Membership>> ReadAsync(Guid userId, bool fresh, CancellationToken cancellationToken)
    {
        var key = $"patchhound:memberships:{userId}";
        if (!fresh && cache.TryGetValue(key, out IReadOnlyList<Membership>? cached) && cached is not null)
        {
            return cached;
        }

        IReadOnlyList<Membership> memberships;
        await using (await platform.BeginAsync($"user:{userId}", "sign-in: reading the user's memberships", cancellationToken))
        {
            memberships = await db.TenantMemberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Select(m => new Membership(m.TenantId, m.Role))
                .ToListAsync(cancellationToken);
        }

        if (options.Value.MembershipCacheDuration > TimeSpan.Zero)
        {
            cache.Set(key, memberships, options.Value.MembershipCacheDuration);
        }

        return memberships;
    }

    internal sealed record Membership(Guid TenantId, TenantRole Role);
}
