using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Npgsql;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Platform;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>
/// A job that finds no database connection backs off and runs again later without spending a retry attempt; any
/// other failure still goes through Hangfire's AutomaticRetry. A real Hangfire server on a test database, with the
/// hosts' two retry filters in their order.
/// </summary>
public sealed class SaturationBackOffTests
{
    [Fact]
    public async Task A_saturated_job_is_rescheduled_with_a_back_off_while_other_failures_spend_a_retry()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var jobs = new TestJobStorage(database);
        var filters = new JobFilterCollection
        {
            new SaturationBackOffFilter(),
            new AutomaticRetryAttribute { Attempts = 5, DelaysInSeconds = [600] },
        };
        using (new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                Queues = ["default"],
                WorkerCount = 1,
                FilterProvider = filters,
                ServerName = "backoff-test",
                // Not the static JobActivator.Current, which an in-process host of another test class may have left
                // bound to its disposed service provider.
                Activator = new JobActivator(),
            },
            jobs.Storage))
        {
            var saturated = jobs.Client.Enqueue(() => FailingJobs.Saturated());
            var broken = jobs.Client.Enqueue(() => FailingJobs.Broken());

            (await jobs.WaitForStateAsync(saturated, ScheduledState.StateName, TimeSpan.FromSeconds(30))).Should().Be(ScheduledState.StateName);
            (await jobs.WaitForStateAsync(broken, ScheduledState.StateName, TimeSpan.FromSeconds(30))).Should().Be(ScheduledState.StateName);

            (await ParameterAsync(jobs, saturated, SaturationBackOffFilter.CountParameter)).Should().Be("1");
            jobs.Parameter(saturated, "RetryCount").Should().BeNull("a back-off spends no retry attempt");
            jobs.Parameter(broken, SaturationBackOffFilter.CountParameter).Should().BeNull();
            jobs.Parameter(broken, "RetryCount").Should().Be("1");
        }
    }

    /// <summary>The parameter once written (the election's writes and the state's commit are not one read apart).</summary>
    private static async Task<string?> ParameterAsync(TestJobStorage jobs, string jobId, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var value = jobs.Parameter(jobId, name);
        while (value is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = jobs.Parameter(jobId, name);
        }

        return value;
    }

    [Fact]
    public void The_back_off_grows_and_is_capped()
    {
        SaturationBackOffFilter.DelayFor(0).Should().BeCloseTo(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1.3));
        SaturationBackOffFilter.DelayFor(3).Should().BeCloseTo(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10.1));
        SaturationBackOffFilter.DelayFor(20).Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(5) * 1.25);
    }
}

/// <summary>Jobs for <see cref="SaturationBackOffTests"/>; public and static so Hangfire can run them.</summary>
public static class FailingJobs
{
    public static void Saturated() => throw new NpgsqlException("The connection pool has been exhausted", new TimeoutException());

    public static void Broken() => throw new InvalidOperationException("a bug, not overload");
}
