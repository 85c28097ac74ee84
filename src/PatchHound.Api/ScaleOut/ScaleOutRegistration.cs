using PatchHound.Api.RateLimiting;
using PatchHound.Infrastructure.Redis;

namespace PatchHound.Api.ScaleOut;

internal static class ScaleOutRegistration
{
    /// <summary>
    /// What lets the API run as several replicas: the Redis connection (and its readiness check), one Data Protection
    /// key ring, and rate limits shared across replicas.
    /// </summary>
    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPatchHoundRedis(builder.Configuration);
        builder.Services.AddSharedDataProtection(builder.Configuration);
        builder.Services.AddRequestRateLimiting(builder.Configuration);
        return builder;
    }
}
