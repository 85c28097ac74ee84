using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Harness;
using StackExchange.Redis;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>
/// Two API instances (A and B) sharing one database and one dedicated redis-server (so a test may stop it), with
/// small limits: 50 requests a minute per caller in the Enterprise tenant A, 20 in the Free tenant B.
/// </summary>
public sealed class ScaleOutFixture : ApiFixture
{
    public const int EnterpriseLimit = 50;
    public const int FreeLimit = 20;
    public const int AnonymousLimit = 25;

    private RedisServer? redis;
    private ConnectionMultiplexer? redisClient;
    private ApiInstance? instanceA;
    private ApiInstance? instanceB;

    public RedisServer Redis => redis ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A client of the same Redis, for looking at what the instances stored (admin commands allowed).</summary>
    public IConnectionMultiplexer RedisClient => redisClient ?? throw new InvalidOperationException("Not initialized.");

    public ApiInstance InstanceA => instanceA ?? throw new InvalidOperationException("Not initialized.");

    public ApiInstance InstanceB => instanceB ?? throw new InvalidOperationException("Not initialized.");

    public override async Task InitializeAsync()
    {
        redis = await RedisServer.StartNewAsync();
        await base.InitializeAsync();
        redisClient = await ConnectionMultiplexer.ConnectAsync($"{Redis.ConnectionString},allowAdmin=true,abortConnect=false");
        instanceA = new ApiInstance(Settings());
        instanceB = new ApiInstance(Settings());
    }

    public override async Task DisposeAsync()
    {
        foreach (var instance in new[] { instanceA, instanceB })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        await base.DisposeAsync();
        if (redisClient is not null)
        {
            await redisClient.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    /// <summary>The key that seals the instances' Data Protection key ring in Redis.</summary>
    public static string KeyRingKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The instances' settings, optionally on another Redis database (a separate key ring and limits) or with another
    /// key-ring key.
    /// </summary>
    public Dictionary<string, string?> InstanceSettings(int redisDatabase = 0, string? keyRingKey = null)
    {
        var settings = Settings();
        settings["ConnectionStrings:Redis"] = $"{Redis.ConnectionString},defaultDatabase={redisDatabase}";
        settings["DataProtection:Keys:ring1"] = keyRingKey ?? KeyRingKey;
        return settings;
    }

    /// <summary>A new tenant admin of <paramref name="tenant"/>, so each test counts against its own windows.</summary>
    public async Task<string> NewTenantAdminAsync(ApiTenant tenant)
    {
        var user = new User($"admin-{Guid.NewGuid():N}@{tenant.Slug}.test", "Rate-limited admin", DateTimeOffset.UtcNow);
        await using (var db = Database.AppContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        await using (var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            db.TenantMemberships.Add(new TenantMembership(tenant.Id, user.Id, TenantRole.TenantAdmin));
            await db.SaveChangesAsync();
        }

        return user.Email;
    }

    /// <summary>A tenant endpoint every tenant admin may read (the tenant's sources, none here).</summary>
    public static string TenantEndpoint(ApiTenant tenant) => $"/api/tenants/{tenant.Slug}/sources";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
        settings["DataProtection:ActiveKeyId"] = "ring1";
        settings["DataProtection:Keys:ring1"] = KeyRingKey;

        // On even if the base fixture turns it off for the suites that are not about rate limiting.
        settings["RateLimiting:Enabled"] = "true";
        settings["RateLimiting:Editions:Enterprise"] = EnterpriseLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:Editions:Free"] = FreeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:Anonymous"] = AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}
