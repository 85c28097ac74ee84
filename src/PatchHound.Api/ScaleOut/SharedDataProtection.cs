using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using PatchHound.Infrastructure.Redis;
using StackExchange.Redis;

namespace PatchHound.Api.ScaleOut;

/// <summary>
/// One Data Protection key ring for every replica, so a session cookie or antiforgery token issued by one replica is
/// accepted by the others: the same application name everywhere, and the keys in Redis when it is configured.
/// </summary>
internal static class SharedDataProtection
{
    public const string ApplicationName = "PatchHound";

    /// <summary>The Redis list holding the key ring's XML elements.</summary>
    public const string RedisKey = "patchhound:data-protection:keys";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        if (configuration.HasRedis())
        {
            // What PersistKeysToStackExchangeRedis does, with the host's one multiplexer from DI instead of a second connection.
            services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
        }

        return services;
    }
}
