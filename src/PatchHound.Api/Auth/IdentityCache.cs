using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Caching;

namespace PatchHound.Api.Auth;

/// <summary>
/// Users and their memberships, per replica, keyed by user id and evicted when a committed change to the user's row
/// or memberships is announced: requests of a session or token do not read them again, yet a disabled user or a
/// withdrawn membership is refused by every replica as soon as the change commits.
/// </summary>
internal sealed class IdentityCache(CacheChangeFeed feed, TimeProvider time, IOptions<CachingOptions> options)
{
    public ChangeNotifiedCache<KnownUser> Users { get; } = new(CacheChanges.Users, evictWholeTable: false, feed, time, options);

    public ChangeNotifiedCache<IReadOnlyList<UserMemberships.Membership>> Memberships { get; } =
        new(CacheChanges.TenantMemberships, evictWholeTable: false, feed, time, options);
}
