using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace PatchHound.Infrastructure.Redis;

/// <summary>
/// Connects to Redis while the host starts, so no request waits for the first connection. With Redis down this
/// takes at most the connection string's <c>connectTimeout</c> (5 s by default) and the host starts anyway.
/// </summary>
internal sealed class RedisConnectionStarter(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IConnectionMultiplexer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
