using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Caching;

public static class CachingRegistration
{
    /// <summary>The change feed that keeps per-replica caches honest; the caches themselves are registered by their owners.</summary>
    public static IHostApplicationBuilder AddChangeNotifiedCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CachingOptions>()
            .Bind(builder.Configuration.GetSection(CachingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var listening = builder.ListeningConnectionString();
        builder.Services.AddKeyedSingleton(CacheChangeFeed.ApplicationName, (services, _) => ListeningDataSource(listening, services.GetService<PostgresEntraCredential>()));
        builder.Services.AddSingleton<CacheChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CacheChangeFeed>());
        return builder;
    }

    /// <summary>
    /// Its own unpooled connection, named so operators can tell it apart in <c>pg_stat_activity</c>: the process's
    /// Application Name with <c>:listen</c>, or <see cref="CacheChangeFeed.ApplicationName"/> when it has none.
    /// </summary>
    public static NpgsqlDataSource ListeningDataSource(string applicationConnectionString, PostgresEntraCredential? entra = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(applicationConnectionString) { Pooling = false };
        var name = string.IsNullOrEmpty(builder.ApplicationName) ? CacheChangeFeed.ApplicationName : builder.ApplicationName + ":listen";
        builder.ApplicationName = name.Length <= 63 ? name : name[..63];
        return PostgresDataSources.Create(builder.ConnectionString, entra);
    }
}
