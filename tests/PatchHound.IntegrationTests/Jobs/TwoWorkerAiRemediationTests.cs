using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ai;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Ai;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Ai;

namespace PatchHound.IntegrationTests.Jobs;

public sealed partial class TwoWorkerAiRemediationTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    private const int RequestCount = 1000;

    [Fact]
    public async Task Two_worker_processes_answer_a_thousand_requests_exactly_once_each()
    {
        await using var llm = await FakeChatCompletionsServer.StartAsync();
        var tenantId = await fixture.CreateTenantAsync();
        var requestIds = await fixture.AddRequestsAsync(tenantId, RequestCount);
        var environment = WorkerEnvironment.For(fixture.Database, new Dictionary<string, string?>
        {
            ["Ai__Enabled"] = "true",
            ["Ai__Provider"] = "Ollama",
            ["Ai__BaseUrl"] = llm.BaseUrl.ToString(),
            ["Ai__Model"] = "llama3",
            ["Jobs__Workers__ai"] = "4",
        });
        await using var first = await HostProcess.StartAsync("worker-1", "PatchHound.Worker.dll", environment);
        await using var second = await HostProcess.StartAsync("worker-2", "PatchHound.Worker.dll", environment);
        var jobs = new TestJobStorage(fixture.Database);
        // Both processes serve the ai queue before the first job exists: on a loaded machine the second one's Hangfire
        // server may otherwise start after the first has answered every request against the fast fake provider.
        await Eventually.HoldsAsync(
            () => jobs.Storage.GetMonitoringApi().Servers().Count(s => s.Queues.Contains("ai")) >= 2,
            "both worker processes serve the ai queue", TimeSpan.FromSeconds(60));

        // Every request enqueued twice (a client retry, a redelivery) and sweeps racing the per-request jobs.
        foreach (var id in requestIds.Concat(requestIds))
        {
            jobs.Client.Create<AiRemediationJob>(j => j.RunAsync(tenantId, id, null, CancellationToken.None), new EnqueuedState("ai"));
        }

        for (var i = 0; i < 6; i++)
        {
            jobs.Client.Create<AiRemediationSweepJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState("ai"));
        }

        var completed = await WaitForCompletedAsync(tenantId, TimeSpan.FromMinutes(4));

        completed.Should().Be(RequestCount, first.Output + second.Output);
        var prompts = llm.Received.Select(r => PromptNumber().Match(r.Body).Value).ToList();
        prompts.Should().HaveCount(RequestCount, "the provider is called once per request").And.OnlyHaveUniqueItems();
        await using var db = fixture.Database.OwnerContext();
        var rows = await db.AiRemediationRequests.IgnoreQueryFilters([TenantQueryFilter.Name])
            .Where(r => r.TenantId == tenantId).ToListAsync();
        rows.Should().OnlyContain(r => r.Status == AiRemediationStatus.Completed && r.Attempts == 1);
        rows.Select(r => ProcessOf(r.ClaimedBy!)).Distinct().Should().HaveCount(2, "both worker processes took part");
    }

    private async Task<int> WaitForCompletedAsync(Guid tenantId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = fixture.Database.OwnerContext();
            var completed = await db.AiRemediationRequests.IgnoreQueryFilters([TenantQueryFilter.Name])
                .CountAsync(r => r.TenantId == tenantId && r.Status == AiRemediationStatus.Completed);
            if (completed >= RequestCount || DateTime.UtcNow > deadline)
            {
                // Give stray duplicates time to show themselves before the counts are checked.
                await Task.Delay(TimeSpan.FromSeconds(2));
                return completed;
            }

            await Task.Delay(500);
        }
    }

    // ProcessOwner is machine:pid:instance; the job id follows.
    private static string ProcessOf(string claimedBy) => string.Join(':', claimedBy.Split(':').Take(3));

    [GeneratedRegex(@"\(#\d+\)")]
    private static partial Regex PromptNumber();
}
