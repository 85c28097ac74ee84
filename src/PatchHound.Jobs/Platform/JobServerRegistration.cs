using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
