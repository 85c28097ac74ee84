using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Caching;

/// <summary>
/// Rows of one table kept per replica and evicted when a committed change to them is announced
/// (<see cref="CacheChangeFeed"/>). While this replica is not listening, nothing is read from or kept in it: every
/// lookup goes to the database. Absent rows (null) are kept too, and evicted like the rest when a row is inserted.
/// </summary>
/// <remarks>
/// A load that overlaps an eviction does not keep what it read: it may have read the row before the change committed.
/// </remarks>
public sealed class ChangeNotifiedCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly CacheChangeFeed feed;
    private readonly TimeProvider time;
    private readonly CachingOptions options;
    private readonly bool evictWholeTable;
    private long evictions;

    /// <param name="table">The table whose announced changes evict entries.</param>
    /// <param name="evictWholeTable">
    /// Keys are not the announced column (e.g. a tenant asked for by slug): any change to the table empties the cache.
    /// </param>
    /// <param name="feed">The replica's change feed.</param>
    /// <param name="time">The clock of entry lifetimes.</param>
    /// <param name="options">Lifetime and size bounds.</param>
    public ChangeNotifiedCache(string table, bool evictWholeTable, CacheChangeFeed feed, TimeProvider time, IOptions<CachingOptions> options)
    {
        this.feed = feed;
        this.time = time;
        this.options = options.Value;
        this.evictWholeTable = evictWholeTable;
        feed.Subscribe(table, Evict);
    }

    public int Count => entries.Count;

    public async ValueTask<T?> GetOrLoadAsync(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (!IsUsable)
        {
            return await load(cancellationToken);
        }

        if (entries.TryGetValue(key, out var cached) && cached.ExpiresAt > time.GetUtcNow())
        {
            return cached.Value;
        }

        return await ReloadAsync(key, load, cancellationToken);
    }

    /// <summary>Reads the row afresh whatever is cached, and keeps it.</summary>
    public async Task<T?> ReloadAsync(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var before = Interlocked.Read(ref evictions);
        var value = await load(cancellationToken);
        if (!IsUsable)
        {
            return value;
        }

        if (entries.Count >= options.MaxEntries)
        {
            entries.Clear();
        }

        var entry = new Entry(value, time.GetUtcNow() + options.EntryLifetime);
        entries[key] = entry;
        if (Interlocked.Read(ref evictions) != before)
        {
            entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        return value;
    }

    private bool IsUsable => options.Enabled && feed.IsListening;

    /// <summary>Drops the announced key's entry, or every entry for <see cref="CacheChanges.AnyKey"/>.</summary>
    internal void Evict(string key)
    {
        Interlocked.Increment(ref evictions);
        if (evictWholeTable || key == CacheChanges.AnyKey)
        {
            entries.Clear();
        }
        else
        {
            entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(T? Value, DateTimeOffset ExpiresAt);
}
