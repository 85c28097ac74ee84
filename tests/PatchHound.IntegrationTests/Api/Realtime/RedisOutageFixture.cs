using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Realtime;

/// <summary>Two API instances on a Redis of their own, which the tests stop and start again.</summary>
public sealed class RedisOutageFixture : RealtimeFixture
{
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(1);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }

    protected override Task<RedisServer> RedisForTestsAsync() => RedisServer.StartNewAsync();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Realtime:PublishTimeout"] = PublishTimeout.ToString();
        return settings;
    }
}
