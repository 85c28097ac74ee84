using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Jobs.Platform;

/// <summary>Hangfire on PostgreSQL, as both hosts use it: the API to enqueue and show the dashboard, the worker to run.</summary>
public static class JobStorageRegistration
{
    public static IHostApplicationBuilder AddJobStorage(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(JobPlatformOptions.Section).Get<JobPlatformOptions>() ?? new JobPlatformOptions();
        builder.Services.AddOptions<JobPlatformOptions>()
            .BindConfiguration(JobPlatformOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Workers.Keys.All(JobQueues.All.Contains), $"Jobs:Workers names a queue other than {string.Join(", ", JobQueues.All)}.")
            .ValidateOnStart();

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = JobStorageSchema.Name,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = options.QueuePollInterval,
            EnableLongPolling = options.EnableLongPolling,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = options.DistributedLockTimeout,
            JobExpirationCheckInterval = TimeSpan.FromMinutes(30),
            CountersAggregateInterval = TimeSpan.FromMinutes(5),
        };

        // Hangfire's built-in global retry (ten attempts) gives way to the configured one. A method's own
        // [AutomaticRetry] still wins over this global one. Jobs that exhaust their attempts stay Failed: the Failed
        // list is the dead-letter queue, and POST /api/admin/jobs/{id}/requeue runs one again.
        GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
        builder.Services.AddHangfire((services, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(new PromptLockJobStorage(
                new DataSourceConnectionFactory(services.GetRequiredService<NpgsqlDataSource>()), storageOptions))
            .UseFilter(new SaturationBackOffFilter())
            .UseFilter(new AutomaticRetryAttribute
            {
                Attempts = options.RetryAttempts,
                DelaysInSeconds = options.EffectiveRetryDelaysInSeconds,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            })
            .UseFilter(new JobQueueAffinityFilter())
            .UseFilter(new JobLogScopeFilter())
            .UseFilter(new JobTelemetryFilter()));
        return builder;
    }

    /// <summary>Hangfire's connections come from the process's one pool, inside its connection budget.</summary>
    private sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }
}
