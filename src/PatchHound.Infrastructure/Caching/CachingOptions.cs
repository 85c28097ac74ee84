using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Caching;

/// <summary>Bound from the <c>Caching</c> section: the per-replica caches of tenants, users and memberships.</summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>Off: every request reads tenants, users and memberships from the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest an entry is reused. Changes evict entries as soon as their commit is announced; this only bounds
    /// what a lost announcement could cost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries per cache; a full cache starts again empty (callers sweeping unknown names cannot grow it).</summary>
    [Range(100, 1_000_000)]
    public int MaxEntries { get; set; } = 50_000;

    /// <summary>How often the idle listening connection is checked, so a silently dead one is noticed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ListenerCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
