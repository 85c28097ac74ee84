using StackExchange.Redis;

namespace PatchHound.Infrastructure.Redis;

/// <summary>How PatchHound connects to Redis, whatever the connection string says about failing fast.</summary>
internal static class RedisConnectionOptions
{
    private static readonly TimeSpan ReconnectInterval = TimeSpan.FromSeconds(1);

    public static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);

        // The host must start and serve while Redis is down; the multiplexer keeps reconnecting in the background.
        options.AbortOnConnectFail = false;

        // Every Redis feature here degrades gracefully during an outage, so coming back quickly matters more than
        // sparing a down server a reconnect attempt per second.
        options.ReconnectRetryPolicy = new LinearRetry((int)ReconnectInterval.TotalMilliseconds);
        return options;
    }
}
