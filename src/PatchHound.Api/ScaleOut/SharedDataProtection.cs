using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Redis;
using PatchHound.Infrastructure.Secrets;
using StackExchange.Redis;

namespace PatchHound.Api.ScaleOut;

/// <summary>
/// One Data Protection key ring for every replica, so a session cookie or antiforgery token issued by one replica is
/// accepted by the others: the same application name everywhere, and the keys in Redis when it is configured. The key
/// ring is sealed at rest with <c>DataProtection:Keys</c> (<see cref="SealedKeyRingXml"/>); Production requires it.
/// </summary>
internal static class SharedDataProtection
{
    public const string ApplicationName = "PatchHound";

    /// <summary>The Redis list holding the key ring's XML elements.</summary>
    public const string RedisKey = "patchhound:data-protection:keys";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyRingEncryptionOptions>().Bind(configuration.GetSection(KeyRingEncryptionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingEncryptionOptions>, KeyRingEncryptionOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value;
            var missing = $"The Data Protection key ring has no active key: set {KeyRingEncryptionOptions.Section}:ActiveKeyId and {KeyRingEncryptionOptions.Section}:Keys.";
            return new KeyRingSealingKeys(new SecretKeyRing(options.Keys, options.ActiveKeyId, missing));
        });
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingSealingKeys>((keys, sealing) =>
        {
            if (sealing.Ring.HasActiveKey)
            {
                keys.XmlEncryptor = new SealedKeyRingXml(sealing.Ring);
            }
        });
        if (configuration.HasRedis())
        {
            // What PersistKeysToStackExchangeRedis does, with the host's one multiplexer from DI instead of a second connection.
            services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
        }

        return services;
    }
}
