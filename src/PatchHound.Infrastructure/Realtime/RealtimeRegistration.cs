using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PatchHound.Infrastructure.Realtime;

public static class RealtimeRegistration
{
    public const string RedisConnectionName = "Redis";

    /// <summary>
    /// SignalR with the Redis backplane (<c>ConnectionStrings:Redis</c>) and the <see cref="IRealtimeEvents"/> that
    /// publishes through it. Both hosts call it: the API also maps the hub (<see cref="MapNotificationsHub"/>); the
    /// worker only publishes. Without a Redis connection string, events reach only the connections of the process
    /// that raises them (one API replica, local development), and the worker's reach nobody.
    /// </summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealtimeOptions>()
            .Bind(builder.Configuration.GetSection(RealtimeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var signalR = builder.Services.AddSignalR();
        var redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis();
            builder.Services.AddOptions<RedisOptions>().Configure<IOptions<RealtimeOptions>>((backplane, realtime) =>
                backplane.Configuration = BackplaneConfiguration(redis, realtime.Value));
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<IRealtimeEvents, SignalRRealtimeEvents>());
        return builder;
    }

    /// <summary>The hub at <see cref="NotificationsHub.Path"/>, for signed-in callers only.</summary>
    public static IEndpointConventionBuilder MapNotificationsHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<NotificationsHub>(NotificationsHub.Path, hub => hub.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization();

    private static ConfigurationOptions BackplaneConfiguration(string connectionString, RealtimeOptions realtime)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.ChannelPrefix = RedisChannel.Literal(realtime.ChannelPrefix);
        // Keep reconnecting in the background after Redis goes away, and meanwhile fail publishes at once instead of
        // queueing them: a realtime event delivered minutes late is noise, and callers must not wait.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }
}
