using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatchHound.Infrastructure.Caching;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Jobs.Platform;

/// <summary>The worker host's job servers: one Hangfire server per queue, so queues never starve each other.</summary>
public static class JobServerRegistration
{
    public static IHostApplicationBuilder AddJobServers(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(JobPlatformOptions.Section).Get<JobPlatformOptions>() ?? new JobPlatformOptions();
        // Hosted services start in order: the catalog is enriched (when asked) before the servers take work.
        builder.Services.AddHostedService<Enrichment.EnrichmentAtStartup>();
        foreach (var queue in JobQueues.All)
        {
            var workers = options.Workers.GetValueOrDefault(queue);
            if (workers <= 0)
            {
                continue;
            }

            builder.Services.AddHangfireServer(server =>
            {
                server.ServerName = $"{Environment.MachineName}:{queue}";
                server.Queues = [queue];
                server.WorkerCount = workers;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ShutdownTimeout = options.ShutdownTimeout;
            });
        }

        // The host waits for the servers to drain (running jobs finish or are requeued) before it exits.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(10));
        // Wake-ups ride on the process's one listening connection; no worker thread holds a connection while it waits.
        builder.Services.AddSingleton(new ChannelSubscription(JobStorageNotifications.Channel, JobQueueWakeUp.Wake));
        builder.Services.AddHostedService<RecurringJobRegistrar>();
        builder.Services.AddHostedService<JobFilterLogging>();
        builder.Services.AddHostedService<JobQueueGauges>();
        return builder;
    }

    /// <summary>Hangfire creates attribute filters itself, outside DI: give them the host's logging.</summary>
    private sealed class JobFilterLogging(ILoggerFactory loggerFactory) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            SkipWhenRunningAttribute.LoggerFactory = loggerFactory;
            if (!JobQueueWakeUp.CanWake)
            {
                loggerFactory.CreateLogger(typeof(JobQueueWakeUp)).LogWarning(
                    "Hangfire.PostgreSql's queue events cannot be reached: jobs enqueued by other processes start at the next queue poll");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
