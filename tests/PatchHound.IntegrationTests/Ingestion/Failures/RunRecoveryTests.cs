using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Sweeps;
using PatchHound.Jobs.Ingestion;

namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>What is left of a run that ends early, and what a second delivery of a step does, with a real worker.</summary>
public sealed class RunRecoveryTests(RecoveryEnvironment env) : IClassFixture<RecoveryEnvironment>
{
    [Fact]
    public async Task A_run_cancelled_while_a_batch_reads_a_page_ends_cancelled_with_its_staging_deleted_and_no_failed_job()
    {
        var tenant = env.Tenant(RecoveryEnvironment.Cancelled);
        await env.Env.Simulator.SetFaultsAsync(new { kind = "Latency", tenant = tenant.TenantId.ToString(), endpoint = "vulnerabilities", page = 2, latencyMs = 3000 });
        try
        {
            var runId = await tenant.TriggerAcceptedAsync();
            await tenant.WaitForFinishAsync(runId, FailureEnvironment.RunTimeout, r => r.GetProperty("pagesDone").GetInt32() >= FailureEnvironment.DevicePages + 1);
            (await env.StagedBatchesAsync(tenant, runId)).Should().Equal(1, 2, 3);
            await WaitForAsync(async () => await VulnerabilityRequestsAsync(tenant) >= 2, "batch 4 asked for finding page 2");

            var cancel = await tenant.Admin.PostAsync($"{tenant.RunsPath}/{runId}/cancel", null);

            cancel.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            await WaitForAsync(async () => (await env.StagedBatchesAsync(tenant, runId)).Count == 0, "the worker deletes the cancelled run's staging");
            await WaitForAsync(() => Task.FromResult(env.JobsOfRun(runId, "Succeeded").Any(j => j.Job.Args[3] is 4)), "batch 4 ends");
            var run = await tenant.RunAsync(runId);
            run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Cancelled), env.Env.WorkerOutput);
            run.GetProperty("pagesDone").GetInt32().Should().Be(3, "batch 4's commit lost to the cancel");
            env.JobsOfRun(runId, "Failed").Should().BeEmpty("a step cut short by a cancel is not a failure");
            (await env.LiveStateAsync(tenant)).Devices.Should().BeEmpty("a cancelled run merges nothing");
        }
        finally
        {
            await env.Env.Simulator.SetFaultsAsync();
        }
    }

    [Fact]
    public async Task A_dead_lettered_run_requeued_after_retention_discarded_its_staging_fails_clearly_and_merges_nothing()
    {
        var tenant = env.Tenant(RecoveryEnvironment.Expired);
        var first = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), FailureEnvironment.RunTimeout);
        first.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        var before = await env.LiveStateAsync(tenant);
        await env.Env.Simulator.SetFaultsAsync(new { kind = "ServerError", tenant = tenant.TenantId.ToString(), endpoint = "vulnerabilities", page = 2 });
        await env.Env.Simulator.AdvanceAsync(tenant.TenantId.ToString());
        var runId = await tenant.TriggerAcceptedAsync();
        var deadLettered = await tenant.WaitForFinishAsync(runId, FailureEnvironment.RunTimeout);
        deadLettered.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.DeadLettered), env.Env.WorkerOutput);
        var failedJob = await env.FailedJobOfRunAsync(runId, TimeSpan.FromSeconds(60));
        await env.Env.Simulator.SetFaultsAsync();
        (await env.StagedBatchesAsync(tenant, runId)).Should().Equal([1, 2, 3], "kept for a requeue within the grace period");

        var retention = await RetainAsync(tenant, DateTimeOffset.UtcNow.AddDays(new RetentionOptions().DeadLetteredStagingDays + 1));
        env.JobClient.Requeue(failedJob).Should().BeTrue();
        var requeued = await tenant.WaitForFinishAsync(runId, FailureEnvironment.RunTimeout,
            r => r.GetProperty("attempts").GetInt32() == 2 && IngestionTenant.IsFinished(r));

        retention.DeadLetteredRunsDiscarded.Should().Be(1);
        retention.StagedRowsDeleted.Should().Be(20 + (2 * FailureEnvironment.PageSize),
            "two device pages, and one export page of findings and the software versions they are in");
        requeued.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.DeadLettered), env.Env.WorkerOutput);
        requeued.GetProperty("error").GetString().Should()
            .StartWith("Batch 4: IngestionStagingDiscardedException: ").And.Contain("cannot resume from its checkpoint; trigger a new run");
        (await env.StagedBatchesAsync(tenant, runId)).Should().BeEmpty();
        var after = await env.LiveStateAsync(tenant);
        after.Devices.Should().BeEquivalentTo(before.Devices);
        after.Findings.Should().BeEquivalentTo(before.Findings);
        var next = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), FailureEnvironment.RunTimeout);
        next.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), "a new run is the way on");
    }

    [Fact]
    public async Task Two_deliveries_of_a_runs_first_batch_read_each_page_once_and_chain_one_successor()
    {
        var tenant = env.Tenant(RecoveryEnvironment.Twice);
        // A first run warms the worker up: a cold first step can outlast the wait of a second job for the source's
        // lease, which then goes through Hangfire's retry delays and makes this test slow.
        var warmUp = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), FailureEnvironment.RunTimeout);
        warmUp.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        var servedBefore = await PagesServedAsync(tenant);

        var runId = await tenant.TriggerAcceptedAsync();
        IngestionEnqueuer.EnqueueFirstBatch(env.JobClient, tenant.TenantId, tenant.SourceId, runId);
        var run = await tenant.WaitForFinishAsync(runId, FailureEnvironment.RunTimeout);
        await WaitForAsync(() => Task.FromResult(BatchJobsOfRun(runId).Count(b => b == 1) == 2), "the second delivery ends", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));

        run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        run.GetProperty("pagesDone").GetInt32().Should().Be(FailureEnvironment.DevicePages + FailureEnvironment.FindingPages);
        var served = await PagesServedAsync(tenant);
        (served.Machines - servedBefore.Machines).Should().Be(FailureEnvironment.DevicePages, "each page was read once");
        (served.Vulnerabilities - servedBefore.Vulnerabilities).Should().Be(FailureEnvironment.FindingPages);
        (await env.LiveStateAsync(tenant)).Findings.Should().HaveCount((await SimulatorTruth.FindingsAsync(env.Env.Simulator, tenant.TenantId)).Count);
        BatchJobsOfRun(runId).Should().BeEquivalentTo([1, 1, 2, 3, 4, 5], "the second delivery of batch 1 chained nothing");
        env.JobsOfRun(runId, "Succeeded").Count(j => j.Job.Type == typeof(IngestionMergeJob)).Should().Be(1);
    }

    private List<int> BatchJobsOfRun(Guid runId) =>
        [.. env.JobsOfRun(runId, "Succeeded").Where(j => j.Job.Type == typeof(IngestionBatchJob)).Select(j => (int)j.Job.Args[3])];

    private async Task<RetentionResult> RetainAsync(IngestionTenant tenant, DateTimeOffset now)
    {
        await using var db = env.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
        return await new Retention(db, new FixedTimeProvider(now), Options.Create(new RetentionOptions()), NullLogger<Retention>.Instance)
            .RunAsync(CancellationToken.None);
    }

    private async Task<(int Machines, int Vulnerabilities)> PagesServedAsync(IngestionTenant tenant)
    {
        var served = (await env.Env.Simulator.StatsAsync()).GetProperty(tenant.TenantId.ToString());
        return (served.GetProperty("machines").GetProperty("pages").GetInt32(), served.GetProperty("vulnerabilities").GetProperty("pages").GetInt32());
    }

    private async Task<int> VulnerabilityRequestsAsync(IngestionTenant tenant)
    {
        var stats = await env.Env.Simulator.StatsAsync();
        return stats.TryGetProperty(tenant.TenantId.ToString(), out var ofTenant) && ofTenant.TryGetProperty("vulnerabilities", out var endpoint)
            ? endpoint.GetProperty("requests").GetInt32()
            : 0;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"waiting until {what}" + env.Env.WorkerOutput);
            await Task.Delay(200);
        }
    }
}
