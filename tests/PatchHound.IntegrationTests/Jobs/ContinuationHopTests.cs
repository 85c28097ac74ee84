using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Platform;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>
/// Issue 13: in the ingestion benchmark about half the hops between a run's jobs took a second. The worker woken for
/// a continuation met the continuation's state lock still held by the thread that had just enqueued it (it commits,
/// which wakes the workers, and deletes the lock row after), and Hangfire.PostgreSql sleeps a second before trying a
/// lock again. The hosts' storage retries locks promptly (<see cref="PromptLockJobStorage"/>).
/// </summary>
public sealed class ContinuationHopTests
{
    private const string Queue = JobQueues.Ingestion;

    [Fact]
    public async Task A_released_lock_is_taken_within_milliseconds_where_hangfire_postgresql_waits_for_its_next_second()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var storage = StorageFor(database, TimeSpan.FromSeconds(15));

        var prompt = await WaitAfterReleaseAsync(storage, () => storage.GetConnection());
        var plain = await WaitAfterReleaseAsync(storage, () => new PostgreSqlConnection(storage));

        plain.Should().BeGreaterThan(TimeSpan.FromMilliseconds(400), "Hangfire.PostgreSql retries a held lock once a second");
        prompt.Should().BeLessThan(plain / 2, "the hosts' connections retry a held lock after milliseconds");
    }

    [Fact]
    public async Task A_chain_of_continuations_runs_on_wake_ups_without_waiting_for_a_poll_or_a_lock_retry()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var poll = TimeSpan.FromMinutes(10);
        var storage = StorageFor(database, poll);
        var client = new BackgroundJobClient(storage);
        const int hops = 20;
        var last = client.Create(() => HopJobs.Hop(), new EnqueuedState(Queue));
        for (var i = 0; i < hops; i++)
        {
            last = client.ContinueJobWith(last, () => HopJobs.Hop(), new EnqueuedState(Queue), JobContinuationOptions.OnlyOnSucceededState);
        }

        var elapsed = Stopwatch.StartNew();
        using (new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                Queues = [Queue],
                WorkerCount = 4,
                ServerName = "continuation-hops",
                // Not the static JobActivator.Current, which another test class's host may have left disposed.
                Activator = new JobActivator(),
            },
            storage))
        {
            var state = await WaitForSucceededAsync(storage, last, poll);
            elapsed.Stop();
            state.Should().Be(SucceededState.StateName);
        }

        // A hop left to the poll would wait minutes: every one of them was woken. (That a woken hop no longer waits
        // for a lock retry is the test above; hop latency itself is measured by the ingestion benchmark.)
        elapsed.Elapsed.Should().BeLessThan(poll / 10, $"{hops} continuations are each started by a wake-up");
    }

    private static PromptLockJobStorage StorageFor(TestDatabase database, TimeSpan poll)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = JobStorageSchema.Name,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = poll,
            UseSlidingInvisibilityTimeout = true,
        };
        return new PromptLockJobStorage(new NpgsqlConnectionFactory(database.AppConnectionString(), options), options);
    }

    /// <summary>How long a second connection still waits for a lock after its holder releases it.</summary>
    private static async Task<TimeSpan> WaitAfterReleaseAsync(PostgreSqlStorage storage, Func<Hangfire.Storage.IStorageConnection> waiterConnection)
    {
        const string resource = "continuation-hop-test";
        using var holder = storage.GetConnection();
        var held = holder.AcquireDistributedLock(resource, TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        var waiter = Task.Run(() =>
        {
            using var connection = waiterConnection();
            using var taken = connection.AcquireDistributedLock(resource, TimeSpan.FromSeconds(10));
            return clock.Elapsed;
        });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var released = clock.Elapsed;
        held.Dispose();
        return await waiter - released;
    }

    private static async Task<string?> WaitForSucceededAsync(PostgreSqlStorage storage, string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? state;
        do
        {
            await Task.Delay(50);
            using var connection = storage.GetConnection();
            state = connection.GetJobData(jobId)?.State;
        }
        while (state != SucceededState.StateName && DateTime.UtcNow < deadline);

        return state;
    }
}

/// <summary>The job of <see cref="ContinuationHopTests"/>; public and static so Hangfire can run it.</summary>
public static class HopJobs
{
    public static void Hop()
    {
    }
}
