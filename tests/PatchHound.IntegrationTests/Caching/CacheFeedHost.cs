using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Infrastructure.Caching;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Caching;

/// <summary>A started <see cref="CacheChangeFeed"/> on the application login of a test database, as a host runs it.</summary>
internal sealed class CacheFeedHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private CacheFeedHost(ServiceProvider services)
    {
        this.services = services;
        Feed = services.GetRequiredService<CacheChangeFeed>();
    }

    public CacheChangeFeed Feed { get; }

    public ChangeNotifiedCache<T> Cache<T>(string table)
        where T : class =>
        new(table, evictWholeTable: false, Feed, TimeProvider.System, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CachingOptions>>());

    public static async Task<CacheFeedHost> StartAsync(TestDatabase database)
    {
        var host = Create(database);
        await host.Feed.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => host.Feed.IsListening, "the feed should listen");
        return host;
    }

    /// <summary>The feed as a host builds it, not started: it never listens, so every cache lookup reads the database.</summary>
    public static CacheFeedHost Create(TestDatabase database)
    {
        var services = new ServiceCollection()
            .AddMetrics()
            .AddKeyedSingleton(CacheChangeFeed.ApplicationName, (_, _) => CachingRegistration.ListeningDataSource(database.AppConnectionString()))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<CacheChangeFeed>();
        services.AddOptions<CachingOptions>();
        return new CacheFeedHost(services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Feed.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
    }
}
