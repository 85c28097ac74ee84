using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PatchHound.Infrastructure.Caching;

/// <summary>
/// Listens on one connection for the commit announcements of cached tables (<see cref="CacheChanges"/>) and evicts
/// what they name from this replica's caches. Whenever it is not listening — before start-up, after a lost
/// connection, until LISTEN succeeds again — the caches are emptied and bypassed, so a missed announcement can never
/// leave a stale row in use.
/// </summary>
public sealed class CacheChangeFeed : BackgroundService
{
    public const string MeterName = "PatchHound.Caching";

    /// <summary>Gauge: 1 while this replica listens (caches in use), 0 while every lookup reads the database.</summary>
    public const string ListeningGaugeName = "patchhound.cache.listening";

    /// <summary>How the listening connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "patchhound-cache-feed";

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, List<Action<string>>> subscribers = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource dataSource;
    private readonly IReadOnlyDictionary<string, Action<string>> channels;
    private readonly CachingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<CacheChangeFeed> logger;
    private int listening;

    /// <param name="dataSource">Unpooled connections named <see cref="ApplicationName"/> (see <see cref="CachingRegistration"/>).</param>
    /// <param name="options">Whether caches are on, and how often the idle connection is checked.</param>
    /// <param name="time">The clock of retry delays.</param>
    /// <param name="meters">Where the listening gauge is published.</param>
    /// <param name="logger">Logs when listening starts and stops.</param>
    /// <param name="subscriptions">Other channels heard on the same connection.</param>
    public CacheChangeFeed(
        [FromKeyedServices(ApplicationName)] NpgsqlDataSource dataSource,
        IOptions<CachingOptions> options,
        TimeProvider time,
        IMeterFactory meters,
        ILogger<CacheChangeFeed> logger,
        IEnumerable<ChannelSubscription> subscriptions)
    {
        this.dataSource = dataSource;
        channels = subscriptions.GroupBy(s => s.Channel, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Action<string>)(payload => g.ToList().ForEach(s => s.Notify(payload))), StringComparer.Ordinal);
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        meters.Create(MeterName).CreateObservableGauge(ListeningGaugeName, () => IsListening ? 1 : 0, "{state}",
            "1 while this replica's tenant and user caches are in use (it hears every committed change to them).");
    }

    public bool IsListening => Volatile.Read(ref listening) == 1;

    public void Subscribe(string table, Action<string> evict)
    {
        var list = subscribers.GetOrAdd(table, _ => []);
        lock (list)
        {
            list.Add(evict);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With caches off the connection is still opened for the other channels (the job queues' wake-ups).
        if (!options.Enabled && channels.Count == 0)
        {
            return;
        }

        var retryDelay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                if (StopListening())
                {
                    retryDelay = FirstRetryDelay;
                }

                logger.LogWarning(e, "Not listening for cache changes; tenants and users are read from the database until it listens again in {Delay}", retryDelay);
                await Task.Delay(retryDelay, time, stoppingToken);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LastRetryDelay.Ticks));
            }
            finally
            {
                StopListening();
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) => Hear(e.Channel, e.Payload);
        var listens = string.Concat(channels.Keys.Prepend(CacheChanges.Channel).Select(channel => $"LISTEN {channel};"));
        await using (var listen = new NpgsqlCommand(listens, connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Changes committed before LISTEN were never heard: start from nothing.
        EvictEverything();
        Volatile.Write(ref listening, 1);
        logger.LogInformation("Listening for cache changes on {Channel}", CacheChanges.Channel);
        while (true)
        {
            if (!await connection.WaitAsync(options.ListenerCheckInterval, stoppingToken))
            {
                await using var check = new NpgsqlCommand("SELECT 1", connection);
                await check.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    private void Hear(string channel, string payload)
    {
        if (channel == CacheChanges.Channel)
        {
            Announce(payload);
        }
        else if (channels.TryGetValue(channel, out var notify))
        {
            notify(payload);
        }
    }

    private void Announce(string payload)
    {
        if (CacheChanges.Parse(payload) is not { } change)
        {
            logger.LogWarning("Ignored a malformed cache change {Payload}", payload);
            return;
        }

        Evict(change.Table, change.Key);
    }

    /// <summary>Evicts a row (or with <see cref="CacheChanges.AnyKey"/> a table) from every cache of this replica.</summary>
    public void Evict(string table, string key)
    {
        if (subscribers.TryGetValue(table, out var list))
        {
            lock (list)
            {
                list.ForEach(evict => evict(key));
            }
        }
    }

    /// <returns>Whether it was listening: a connection that had listened starts its retries afresh.</returns>
    private bool StopListening()
    {
        if (Interlocked.Exchange(ref listening, 0) == 0)
        {
            return false;
        }

        EvictEverything();
        return true;
    }

    private void EvictEverything()
    {
        foreach (var table in subscribers.Keys)
        {
            Evict(table, CacheChanges.AnyKey);
        }
    }
}
