using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using PatchHound.Core.Ingestion;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs.Platform;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.IntegrationTests.Ingestion.Failures;

public sealed class StrandedRunTests(StrandedRunEnvironment env) : IClassFixture<StrandedRunEnvironment>
{
    [Fact]
    public async Task A_queued_run_whose_first_batch_was_never_enqueued_is_started_by_the_dispatch_sweep_and_unblocks_its_source()
    {
        var tenant = env.Tenant(StrandedRunEnvironment.Stranded);
        // As if the API had died between saving the run and enqueuing its first batch, three minutes ago.
        var stranded = IngestionRun.Manual(tenant.TenantId, tenant.SourceId, DateTimeOffset.UtcNow.AddMinutes(-3));
        await using (var db = env.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId)))
        {
            db.IngestionRuns.Add(stranded);
            await db.SaveChangesAsync();
        }

        var blocked = await tenant.TriggerAsync();
        blocked.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeRunId").GetGuid().Should().Be(stranded.Id);

        env.JobClient.Create<IngestionDispatchJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(JobQueues.Critical));
        var run = await tenant.WaitForFinishAsync(stranded.Id, FailureEnvironment.RunTimeout);

        run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        run.GetProperty("pagesDone").GetInt32().Should().Be(FailureEnvironment.DevicePages + FailureEnvironment.FindingPages);
        (await env.LiveStateAsync(tenant)).Findings.Should().HaveCount((await SimulatorTruth.FindingsAsync(env.Env.Simulator, tenant.TenantId)).Count);
        var next = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), FailureEnvironment.RunTimeout);
        next.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), "the source is free again");
    }
}
