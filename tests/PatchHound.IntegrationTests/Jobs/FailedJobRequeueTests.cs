using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Demo;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.IntegrationTests.Enrichment;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;
using PatchHound.Jobs.Enrichment;
using PatchHound.Jobs.Platform;

namespace PatchHound.IntegrationTests.Jobs;

public sealed class FailedJobRequeueTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string KevPath = "/kev.json";

    [Fact]
    public async Task A_job_that_keeps_failing_ends_failed_after_its_attempts_and_an_operator_requeue_runs_it_again()
    {
        await using var feeds = await FeedServer.StartAsync();
        var feedUp = false;
        feeds.Serve(KevPath, async context =>
        {
            if (!Volatile.Read(ref feedUp))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(KevCatalogFile.Bytes);
        });
        await using var worker = await StartWorkerWithTwoQuickRetriesAsync(feeds);
        var jobs = new TestJobStorage(fixture.Database);

        var jobId = jobs.Client.Create<EnrichmentJob>(j => j.RunAsync(EnrichmentFeeds.Kev, null, CancellationToken.None),
            new EnqueuedState("default"));

        (await jobs.WaitForStateAsync(jobId, FailedState.StateName, TimeSpan.FromSeconds(90))).Should().Be(FailedState.StateName, worker.Output);
        jobs.Parameter(jobId, "RetryCount").Should().Be("2");
        feeds.Requests.Count(r => r.Path == KevPath).Should().Be(3, "one attempt plus two retries");

        Volatile.Write(ref feedUp, true);
        await using var api = new ApiHostFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["Authentication:DevSignInEnabled"] = "true",
        });
        using var operatorClient = await SignInOperatorAsync(api);
        var requeue = await operatorClient.PostAsync($"/api/admin/jobs/{jobId}/requeue", null);

        requeue.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await jobs.WaitForStateAsync(jobId, SucceededState.StateName, TimeSpan.FromSeconds(60))).Should().Be(SucceededState.StateName, worker.Output);
        await using var db = fixture.Database.OwnerContext();
        (await db.Vulnerabilities.CountAsync(v => v.IsKnownExploited)).Should().Be(KevCatalogFile.CveIds().Distinct().Count());
        (await operatorClient.PostAsync($"/api/admin/jobs/{jobId}/requeue", null)).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "a succeeded job is not in the dead-letter queue");
    }

    [Fact]
    public async Task Every_retry_of_a_failing_job_is_enqueued_on_the_queue_it_was_created_for()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.Serve(KevPath, context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var worker = await StartWorkerWithTwoQuickRetriesAsync(feeds);
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

    /// <summary>A worker reading the KEV feed from <paramref name="feeds"/>, with two retries one second apart.</summary>
    private Task<HostProcess> StartWorkerWithTwoQuickRetriesAsync(FeedServer feeds) =>
        HostProcess.StartAsync("worker", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            new Dictionary<string, string?>
            {
                ["Enrichment__KevFeedUrl"] = feeds.Url(KevPath),
                ["Jobs__RetryAttempts"] = "2",
                ["Jobs__RetryDelaysInSeconds__0"] = "1",
            }));

    private static async Task<HttpClient> SignInOperatorAsync(ApiHostFactory api)
    {
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        var client = api.CreateClient();
        (await client.PostAsJsonAsync("/auth/dev/sign-in", new { email = DemoUsers.Operator.Email })).EnsureSuccessStatusCode();
        return client;
    }
}
