using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PatchHound.Infrastructure.Redis;

namespace PatchHound.Infrastructure.RateLimiting;

public static class RateLimitingRegistration
{
    /// <summary>
    /// <see cref="DistributedRateLimiter"/> and its options (<c>RateLimiting</c>): shared through Redis when
    /// <see cref="RedisRegistration.AddPatchHoundRedis"/> registered a connection, per process otherwise.
    /// </summary>
    public static IServiceCollection AddDistributedRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PatchHoundRateLimitOptions>()
            .Bind(configuration.GetSection(PatchHoundRateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RateLimitFallback>();
        if (configuration.HasRedis())
        {
            services.AddSingleton<RedisSlidingWindow>();
        }

        services.AddSingleton<DistributedRateLimiter>();
        return services;
    }
}
