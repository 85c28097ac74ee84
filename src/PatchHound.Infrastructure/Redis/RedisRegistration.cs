using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.ServiceDefaults;
using StackExchange.Redis;

namespace PatchHound.Infrastructure.Redis;

public static class RedisRegistration
{
    /// <summary>The connection string name: <c>ConnectionStrings:Redis</c> (StackExchange.Redis format, e.g. <c>host:6379,password=…</c>).</summary>
    public const string ConnectionName = "Redis";

    /// <summary>
    /// One <see cref="IConnectionMultiplexer"/> for the process when <c>ConnectionStrings:Redis</c> is set, connected
    /// at start-up, and a readiness check on it. Without the setting nothing is registered: callers fall back to
    /// per-process behaviour. Safe to call more than once (the API and the worker share it).
    /// </summary>
    public static IServiceCollection AddPatchHoundRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.HasRedis() || services.Any(d => d.ServiceType == typeof(RedisReadiness)))
        {
            return services;
        }

        services.AddPatchHoundRedisConnection(configuration);
        services.AddSingleton<RedisReadiness>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(
            "redis", tags: [ServiceDefaultsExtensions.ReadyTag], timeout: RedisHealthCheck.Timeout);
        return services;
    }

    /// <summary>
    /// The process's one <see cref="IConnectionMultiplexer"/>, connected at start-up, without a readiness check: for
    /// hosts whose work only degrades while Redis is down (the worker's Defender rate budget). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddPatchHoundRedisConnection(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString) || services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            return services;
        }

        var options = RedisConnectionOptions.Parse(connectionString);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddHostedService<RedisConnectionStarter>();
        return services;
    }

    public static bool HasRedis(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

    /// <summary>Marks the readiness check as registered, so a second call adds no second check of the same name.</summary>
    private sealed class RedisReadiness;
}
