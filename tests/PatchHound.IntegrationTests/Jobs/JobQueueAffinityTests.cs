using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Http;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.IntegrationTests.Enrichment;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Enrichment;
using PatchHound.Jobs.Platform;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>A retried job is enqueued again on its own queue, not on Hangfire's default one.</summary>
public sealed class JobQueueAffinityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string KevPath = "/kev.json";

    [Fact]
    public async Task Every_retry_of_a_failing_job_is_enqueued_on_the_queue_it_was_created_for()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.Serve(KevPath, context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var worker = await HostProcess.StartAsync("worker", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            new Dictionary<string, string?>
            {
                ["Enrichment__KevFeedUrl"] = feeds.Url(KevPath),
                ["Jobs__RetryAttempts"] = "2",
                ["Jobs__RetryDelaysInSeconds__0"] = "1",
            }));
        var jobs = new TestJobStorage(fixture.Database);
        // Created as the hosts create jobs: with the platform's client filter, which records the queue.
        var client = new BackgroundJobClient(jobs.Storage, new JobFilterCollection { new JobQueueAffinityFilter() });

        var jobId = client.Create<EnrichmentJob>(j => j.RunAsync(EnrichmentFeeds.Kev, null, CancellationToken.None),
            new EnqueuedState(JobQueues.Critical));

        (await jobs.WaitForStateAsync(jobId, FailedState.StateName, TimeSpan.FromSeconds(90))).Should().Be(FailedState.StateName, worker.Output);
        var history = jobs.Storage.GetMonitoringApi().JobDetails(jobId).History;
        var enqueued = history.Where(state => state.StateName == EnqueuedState.StateName).ToList();
        enqueued.Should().HaveCount(3, "the first enqueue and two retries");
        enqueued.Select(state => state.Data["Queue"]).Should().AllBe(JobQueues.Critical);
        feeds.Requests.Count(r => r.Path == KevPath).Should().Be(3);
    }
}
