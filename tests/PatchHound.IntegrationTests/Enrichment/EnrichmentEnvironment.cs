using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>
/// The enrichment services wired by <see cref="EnrichmentRegistration.AddEnrichment"/> as a host wires them, on the
/// application login of a test database, with every feed URL pointing at a local <see cref="FeedServer"/>.
/// </summary>
public sealed class EnrichmentEnvironment : IAsyncDisposable
{
    public const string KevPath = "/feeds/known_exploited_vulnerabilities.json";
    public const string EpssPath = "/epss_scores-current.csv.gz";
    public const string NvdPath = "/rest/json/cves/2.0";

    private readonly ServiceProvider services;

    private EnrichmentEnvironment(TestDatabase database, FeedServer server, IReadOnlyDictionary<string, string?> overrides)
    {
        Database = database;
        Server = server;
        var settings = new Dictionary<string, string?>
        {
            ["Enrichment:KevFeedUrl"] = server.Url(KevPath),
            ["Enrichment:EpssFeedUrl"] = server.Url(EpssPath),
            ["Enrichment:NvdApiUrl"] = server.Url(NvdPath),
            ["Enrichment:NvdResultsPerPage"] = "2",
            ["Enrichment:NvdPageDelay"] = "00:00:00",
            ["Enrichment:NvdRetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(logging => logging.AddProvider(Logs));
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddScoped<TenantContext>();
        collection.AddDbContext<PatchHoundDbContext>(options =>
            ((DbContextOptionsBuilder<PatchHoundDbContext>)options).UsePatchHoundPostgres(database.AppConnectionString()));
        collection.AddEnrichment(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static DateTimeOffset Start { get; } = new(2025, 8, 26, 6, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; }

    public FeedServer Server { get; }

    public FixedTimeProvider Time { get; } = new(Start);

    public CapturedLogs Logs { get; } = new();

    /// <summary>A fresh environment on an emptied catalog.</summary>
    public static async Task<EnrichmentEnvironment> StartAsync(
        TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await ExecuteAsync(database, "DELETE FROM vulnerabilities");
        return new EnrichmentEnvironment(database, await FeedServer.StartAsync(), settings ?? new Dictionary<string, string?>());
    }

    /// <summary>A service as the host's container resolves it (typed clients are transient).</summary>
    public T Service<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>One run in its own scope, as the job will run it.</summary>
    public async Task<EnrichmentResult> RunAsync(EnrichmentFeeds feeds)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnrichmentRunner>().RunAsync(feeds, CancellationToken.None);
    }

    public async Task<FeedResult> RunAsync(EnrichmentFeeds feed, DateTimeOffset at)
    {
        Time.Now = at;
        return (await RunAsync(feed)).For(feed)!;
    }

    /// <summary>Every catalog row, all columns, in id order: equal snapshots mean nothing changed.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT row_to_json(v)::text FROM vulnerabilities v ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
