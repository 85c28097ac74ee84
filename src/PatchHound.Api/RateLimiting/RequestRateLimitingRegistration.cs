using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.RateLimiting;

namespace PatchHound.Api.RateLimiting;

internal static class RequestRateLimitingRegistration
{
    /// <summary>ASP.NET Core's rate limiting middleware with <see cref="RequestRateLimiter"/> as its global limiter.</summary>
    public static IServiceCollection AddRequestRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDistributedRateLimiting(configuration);
        services.AddSingleton<RequestPartitioner>();
        services.AddSingleton<RequestRateLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider, IOptions<PatchHoundRateLimitOptions>>((limiter, provider, settings) =>
        {
            if (settings.Value.Enabled)
            {
                limiter.GlobalLimiter = provider.GetRequiredService<RequestRateLimiter>();
            }
        });
        return services;
    }
}
