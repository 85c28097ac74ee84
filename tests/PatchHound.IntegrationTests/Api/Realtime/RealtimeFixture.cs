using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;

namespace PatchHound.IntegrationTests.Api.Realtime;

/// <summary>
/// Two API instances (<see cref="ApiFixture.Api"/> is A, <see cref="ApiB"/> is B) on one database and one Redis,
/// as two replicas behind a load balancer. The channel prefix is the fixture's own, so no other test's events mix in.
/// </summary>
public class RealtimeFixture : ApiFixture
{
    private ApiHostFactory? apiB;

    public ApiHostFactory ApiB => apiB ?? throw new InvalidOperationException("Not initialized.");

    public RedisServer Redis { get; private set; } = null!;

    public string ChannelPrefix { get; } = $"patchhound-test-{Guid.NewGuid():N}";

    public override async Task InitializeAsync()
    {
        Redis = await RedisForTestsAsync();
        await base.InitializeAsync();
        apiB = new ApiHostFactory(Settings());
    }

    public override async Task DisposeAsync()
    {
        if (apiB is not null)
        {
            await apiB.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected virtual Task<RedisServer> RedisForTestsAsync() => RedisServer.Instance;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
        settings["Realtime:ChannelPrefix"] = ChannelPrefix;
        return settings;
    }
}
