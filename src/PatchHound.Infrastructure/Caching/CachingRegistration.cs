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
        var configuration = builder.Configuration;
        builder.Services.AddKeyedSingleton(CacheChangeFeed.ApplicationName, (_, _) => ListeningDataSource(configuration.ApplicationConnectionString()));
        builder.Services.AddSingleton<CacheChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CacheChangeFeed>());
        return builder;
    }

    /// <summary>Its own unpooled connection, named so operators can tell it apart in <c>pg_stat_activity</c>.</summary>
    public static NpgsqlDataSource ListeningDataSource(string applicationConnectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(applicationConnectionString)
        {
            ApplicationName = CacheChangeFeed.ApplicationName,
            Pooling = false,
        }.ConnectionString);
}
