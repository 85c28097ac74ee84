namespace PatchHound.Infrastructure.Caching;

/// <summary>
/// The announcements that evict cached rows. Triggers on the cached tables (migration <c>CacheChangeNotifications</c>)
/// send <c>NOTIFY patchhound_cache, '{table}:{key}'</c> for every row written, and <c>'{table}:*'</c> on TRUNCATE.
/// PostgreSQL delivers a notification only when its transaction commits, so a cache is never told too early.
/// </summary>
public static class CacheChanges
{
    public const string Channel = "patchhound_cache";

    public const string AnyKey = "*";

    /// <summary>Tables announced, with the column each one announces.</summary>
    public static readonly IReadOnlyList<(string Table, string KeyColumn)> Tables =
    [
        (Tenants, "id"),
        (Users, "id"),
        (TenantMemberships, "user_id"),
    ];

    public const string Tenants = "tenants";

    public const string Users = "users";

    public const string TenantMemberships = "tenant_memberships";

    /// <summary>Splits <c>{table}:{key}</c>; null for anything else.</summary>
    public static (string Table, string Key)? Parse(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 || colon == payload.Length - 1 ? null : (payload[..colon], payload[(colon + 1)..]);
    }
}
