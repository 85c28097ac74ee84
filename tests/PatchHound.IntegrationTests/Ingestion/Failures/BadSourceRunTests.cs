using System.Text.Json;
using PatchHound.Core.Ingestion;

namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>
/// A source answering badly, end to end: the API triggers, the worker process reads from the simulator over HTTP.
/// Each case first ingests the tenant once, then arms the fault for that tenant only, moves the simulated world on
/// (so a merge would change the live data) and runs again while another tenant runs in parallel.
/// </summary>
public sealed class BadSourceRunTests(BadSourceEnvironment env) : IClassFixture<BadSourceEnvironment>
{
    public static TheoryData<string> Cases => BadSourceCase.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_page_dead_letters_the_run_with_an_error_naming_it_commits_nothing_of_its_batch_and_leaves_live_data_and_other_tenants_alone(string name)
    {
        var badCase = BadSourceCase.Named(name);
        var broken = env.Tenant(name);
        var healthy = env.Tenant(BadSourceEnvironment.Healthy);
        var first = await RunAsync(broken);
        first.GetProperty("status").GetString().Should().Be("Succeeded", env.Env.WorkerOutput);
        var before = await env.LiveStateAsync(broken);
        await env.Env.Simulator.SetFaultsAsync(badCase.Fault(broken.TenantId.ToString()));
        await env.Env.Simulator.AdvanceAsync(broken.TenantId.ToString());

        JsonElement failed, other;
        try
        {
            var runs = await Task.WhenAll(RunAsync(broken), RunAsync(healthy));
            (failed, other) = (runs[0], runs[1]);
        }
        finally
        {
            await env.Env.Simulator.SetFaultsAsync();
        }

        var runId = failed.GetProperty("id").GetGuid();
        failed.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.DeadLettered), failed.ToString() + env.Env.WorkerOutput);
        var error = failed.GetProperty("error").GetString();
        foreach (var says in badCase.ErrorSays)
        {
            error.Should().Contain(says);
        }

        var checkpoint = await env.CheckpointAsync(broken, runId);
        (checkpoint?.BatchNumber ?? 0).Should().Be(badCase.FailingBatch - 1, "the checkpoint stays before the failing batch");
        failed.GetProperty("pagesDone").GetInt32().Should().Be(badCase.FailingBatch - 1);
        (await env.StagedBatchesAsync(broken, runId)).Should().Equal(Enumerable.Range(1, badCase.FailingBatch - 1),
            "nothing of the failing batch is staged; the earlier batches stay for a requeue");
        var after = await env.LiveStateAsync(broken);
        after.Devices.Should().BeEquivalentTo(before.Devices, "a failed run changes no device");
        after.Findings.Should().BeEquivalentTo(before.Findings, "a failed run adds, observes and resolves nothing");

        other.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), other.ToString() + env.Env.WorkerOutput);
        other.GetProperty("pagesDone").GetInt32().Should().Be(FailureEnvironment.DevicePages + FailureEnvironment.FindingPages);
    }

    [Fact]
    public async Task Moving_the_simulated_world_on_changes_what_a_merge_writes()
    {
        // Guards the test above: its "live data unchanged" could not fail if the second run would write the same.
        var tenant = env.Tenant(BadSourceEnvironment.Healthy);
        var run = await RunAsync(tenant);
        run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        var before = await env.LiveStateAsync(tenant);
        await env.Env.Simulator.AdvanceAsync(tenant.TenantId.ToString());

        var next = await RunAsync(tenant);

        next.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        var after = await env.LiveStateAsync(tenant);
        after.Devices.Should().NotBeEquivalentTo(before.Devices);
        after.Findings.Should().NotBeEquivalentTo(before.Findings);
    }

    private static async Task<JsonElement> RunAsync(IngestionTenant tenant) =>
        await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), FailureEnvironment.RunTimeout);
}
