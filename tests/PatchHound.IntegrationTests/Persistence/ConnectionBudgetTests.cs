using Hangfire;
using Hangfire.States;
using Npgsql;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Jobs;
using PatchHound.Jobs;
using PatchHound.Jobs.Platform;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// Issue 13: an idle worker held 24–38 connections, most of them a LISTEN per waiting worker thread. A real worker
/// and a real API process on one test database, their connections counted in <c>pg_stat_activity</c> by the
/// Application Name each is given; docs/connections.md has the budget these counts are held to.
/// </summary>
public sealed class ConnectionBudgetTests
{
    private const string WorkerName = "budget-worker";
    private const string ApiName = "budget-api";

    /// <summary>docs/connections.md: an idle process holds at most this many, its listening connection included.</summary>
    private const int IdleBudget = 5;

    [Fact]
    public async Task An_idle_worker_and_an_idle_api_stay_within_the_budget_and_a_job_enqueued_elsewhere_wakes_the_worker()
    {
        JobQueueWakeUp.CanWake.Should().BeTrue("the worker wakes Hangfire.PostgreSql's queue events, which a package update may rename");
        await using var database = await TestDatabase.CreateMigratedAsync();
        var idleLifetime = new Dictionary<string, string?>
        {
            // A poll so rare that only the wake-up can start the job in time.
            ["Jobs__QueuePollInterval"] = "00:05:00",
            ["Database__Pools__worker__ConnectionIdleLifetime"] = "00:00:02",
            ["Database__Pools__api__ConnectionIdleLifetime"] = "00:00:02",
        };
        // Idle means no job runs: the every-minute sweeps would start together at a minute boundary inside the
        // sampling window and fill the pool, which is the busy budget, not the idle one.
        foreach (var sweep in JobCatalog.Recurring)
        {
            idleLifetime[$"Jobs__Schedules__{sweep.Id}"] = "0 0 1 1 *";
        }

        await using var worker = await HostProcess.StartAsync("worker", "PatchHound.Worker.dll",
            WorkerEnvironment.For(database, new Dictionary<string, string?>(idleLifetime) { ["Database__ApplicationName"] = WorkerName }));
        await using var api = await HostProcess.StartAsync("api", "PatchHound.Api.dll", new Dictionary<string, string?>(idleLifetime)
        {
            ["ConnectionStrings__PatchHound"] = database.AppConnectionString(),
            ["Database__ApplicationName"] = ApiName,
        });

        var jobs = new TestJobStorage(database);
        var id = jobs.Client.Create<SlaCheckJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(SlaCheckJob.Queue));
        (await jobs.WaitForStateAsync(id, SucceededState.StateName, TimeSpan.FromSeconds(60)))
            .Should().Be(SucceededState.StateName, "the job was announced to the worker, whose next poll is minutes away. " + worker.Output);

        await Task.Delay(TimeSpan.FromSeconds(8));
        var samples = new List<IReadOnlyDictionary<string, int>>();
        for (var i = 0; i < 10; i++)
        {
            samples.Add(await ConnectionsByApplicationAsync(database));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var most = (string name) => samples.Max(s => s.GetValueOrDefault(name));
        most(WorkerName + ":listen").Should().Be(1, "the worker listens on exactly one connection");
        most(ApiName + ":listen").Should().Be(1, "the API listens on exactly one connection");
        // Idle is not quiet: the worker's Hangfire servers (heartbeats, schedulers) each take a pooled connection for a
        // moment every few seconds, and on a loaded machine those moments overlap: a sample may catch one more at once
        // (never more than the pool and the listener), and the pool then shrinks again. Idle is what most samples see.
        var held = (string name) => samples.Select(s => s.GetValueOrDefault(name) + s.GetValueOrDefault(name + ":listen")).Order().ToList();
        held(WorkerName)[samples.Count / 2].Should().BeLessThanOrEqualTo(IdleBudget, "an idle worker stays within the budget: {0}", string.Join(", ", held(WorkerName)));
        held(WorkerName).Max().Should().BeLessThanOrEqualTo(IdleBudget + 1);
        held(ApiName)[samples.Count / 2].Should().BeLessThanOrEqualTo(IdleBudget, "an idle API stays within the budget: {0}", string.Join(", ", held(ApiName)));
        held(ApiName).Max().Should().BeLessThanOrEqualTo(IdleBudget + 1);
        samples.Should().AllSatisfy(s => s.Keys.Should().OnlyContain(
            name => name.StartsWith(WorkerName, StringComparison.Ordinal) || name.StartsWith(ApiName, StringComparison.Ordinal) || name.Length == 0,
            "every connection of the hosts carries their Application Name"));
        (await CountAsync(database, "query LIKE 'LISTEN new_job%'")).Should().Be(0, "no worker thread waits on a LISTEN of its own");
    }

    [Fact]
    public async Task Hangfire_long_polling_would_hold_a_listening_connection_per_waiting_worker_thread()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var worker = await HostProcess.StartAsync("worker", "PatchHound.Worker.dll", WorkerEnvironment.For(database,
            new Dictionary<string, string?> { ["Jobs__EnableLongPolling"] = "true", ["Database__ApplicationName"] = WorkerName }));
        var threads = new JobPlatformOptions().Workers.Values.Sum();

        await Eventually.HoldsAsync(
            async () => await CountAsync(database, "query LIKE 'LISTEN new_job%'") >= threads,
            $"each of the {threads} waiting worker threads listens on a connection of its own",
            TimeSpan.FromSeconds(30));
        (await ConnectionsByApplicationAsync(database)).GetValueOrDefault(WorkerName).Should().BeGreaterThan(IdleBudget);
    }

    private static async Task<IReadOnlyDictionary<string, int>> ConnectionsByApplicationAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT application_name, count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static async Task<int> CountAsync(TestDatabase database, string condition)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND {condition}", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
