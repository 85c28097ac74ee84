using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.Benchmarks;

/// <summary>
/// Fires the recurring ingestion dispatcher now, through Hangfire's storage, instead of waiting for its next minute:
/// the dispatcher then creates the scheduled run of every due source and enqueues its first batch.
/// </summary>
internal sealed class DispatchTrigger
{
    private const string DispatchJobId = "ingestion-dispatch";

    private readonly JobStorage storage;

    static DispatchTrigger()
    {
        // The hosts' job serialization, so that the recurring job the workers registered can be read here.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
    }

    public DispatchTrigger(TestDatabase database)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = JobStorageSchema.Name, PrepareSchemaIfNecessary = false };
        storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.AppConnectionString(), options), options);
    }

    /// <summary>Waits until a worker has registered the recurring jobs, then triggers the dispatcher.</summary>
    public async Task<string> TriggerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsRegistered())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No worker registered the recurring job {DispatchJobId} within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return new RecurringJobManager(storage).TriggerJob(DispatchJobId);
    }

    private bool IsRegistered()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([DispatchJobId]).Any(j => j.Job is not null);
    }
}
