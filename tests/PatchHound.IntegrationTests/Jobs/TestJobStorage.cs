using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>
/// The test's own Hangfire client on a test database, passed explicitly (never the static JobStorage.Current,
/// which would leak between test classes). It runs no server: the worker processes under test do.
/// </summary>
internal sealed class TestJobStorage
{
    static TestJobStorage()
    {
        // The same job serialization the hosts use, so they can read what the test enqueues.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
    }

    public TestJobStorage(TestDatabase database)
    {
        Storage = new PostgreSqlStorage(
            new NpgsqlConnectionFactory(database.AppConnectionString(), new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { SchemaName = JobStorageSchema.Name, PrepareSchemaIfNecessary = false });
        Client = new BackgroundJobClient(Storage);
    }

    public JobStorage Storage { get; }

    public IBackgroundJobClient Client { get; }

    public string? StateOf(string jobId)
    {
        using var connection = Storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    public string? Parameter(string jobId, string name)
    {
        using var connection = Storage.GetConnection();
        return connection.GetJobParameter(jobId, name);
    }

    public Task<string?> WaitForStateAsync(string jobId, string state, TimeSpan timeout) =>
        WaitForAnyStateAsync(jobId, [state], timeout);

    public async Task<string?> WaitForAnyStateAsync(string jobId, IReadOnlyCollection<string> states, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var current = StateOf(jobId);
        while ((current is null || !states.Contains(current)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            current = StateOf(jobId);
        }

        return current;
    }
}
