using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ingestion;
using PatchHound.IntegrationTests.Harness;

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
    public async Task Nul_in_every_text_field_of_machines_and_export_rows_is_cleaned_counted_and_changes_nothing_stored()
    {
        var tenant = env.Tenant(BadSourceEnvironment.NulText);
        var first = await RunAsync(tenant);
        first.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        first.GetProperty("textValuesCleaned").GetInt32().Should().Be(0);
        var before = await env.LiveStateAsync(tenant);
        var namesBefore = await DeviceNamesAsync(tenant);

        JsonElement run;
        await env.Env.Simulator.SetFaultsAsync(new { kind = "NulInText", tenant = tenant.TenantId.ToString() });
        try
        {
            run = await RunAsync(tenant);
        }
        finally
        {
            await env.Env.Simulator.SetFaultsAsync();
        }

        run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), run.ToString() + env.Env.WorkerOutput);
        var devices = before.Devices.Count;
        var findings = before.Findings.Count;
        run.GetProperty("textValuesCleaned").GetInt32().Should().BeGreaterThanOrEqualTo(3 * devices + 6 * findings,
            "every device's id, name and platform and every row's device id, CVE id, product, version, vendor and severity held a NUL");
        (await env.LiveStateAsync(tenant)).Should().BeEquivalentTo(before,
            "the cleaned ids, CVE ids and products are the ones the clean run stored: nothing new, nothing resolved");
        (await DeviceNamesAsync(tenant)).Should().BeEquivalentTo(namesBefore).And.NotContain(name => name.Contains('\0'));
    }

    [Fact]
    public async Task Temporary_extra_columns_of_every_json_type_in_machines_and_export_rows_are_ignored_and_change_nothing_stored()
    {
        var tenant = env.Tenant(BadSourceEnvironment.ExtraColumns);
        var first = await RunAsync(tenant);
        first.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), env.Env.WorkerOutput);
        var before = await env.LiveStateAsync(tenant);
        var namesBefore = await DeviceNamesAsync(tenant);

        JsonElement run;
        await env.Env.Simulator.SetFaultsAsync(new { kind = "ExtraColumns", tenant = tenant.TenantId.ToString() });
        try
        {
            run = await RunAsync(tenant);
        }
        finally
        {
            await env.Env.Simulator.SetFaultsAsync();
        }

        run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), run.ToString() + env.Env.WorkerOutput);
        run.GetProperty("recordsSkipped").GetInt32().Should().Be(0);
        run.GetProperty("findingsSeen").GetInt32().Should().Be(first.GetProperty("findingsSeen").GetInt32());
        (await env.LiveStateAsync(tenant)).Should().BeEquivalentTo(before,
            "the nested id, cveId and deviceId of a temporary column are not the row's: nothing new, nothing resolved");
        (await DeviceNamesAsync(tenant)).Should().BeEquivalentTo(namesBefore);
    }

    [Fact]
    public async Task Rows_without_a_device_id_are_skipped_and_reported_on_the_run_with_their_location_and_the_run_succeeds()
    {
        var tenant = env.Tenant(BadSourceEnvironment.UnusableRows);

        JsonElement run;
        await env.Env.Simulator.SetFaultsAsync(new { kind = "UnusableRows", tenant = tenant.TenantId.ToString(), endpoint = "vulnerabilities", page = 2 });
        try
        {
            run = await RunAsync(tenant);
        }
        finally
        {
            await env.Env.Simulator.SetFaultsAsync();
        }

        run.GetProperty("status").GetString().Should().Be(nameof(IngestionRunStatus.Succeeded), run.ToString() + env.Env.WorkerOutput);
        // Page 2 holds export rows 20-39: rows 20 and 30 come without a deviceId.
        run.GetProperty("recordsSkipped").GetInt32().Should().Be(2);
        run.GetProperty("skippedRecords").EnumerateArray()
            .Select(r => (r.GetProperty("listing").GetString(), r.GetProperty("page").GetInt32(), r.GetProperty("index").GetInt32(), r.GetProperty("reason").GetString()))
            .Should().Equal(
                ("/api/machines/SoftwareVulnerabilitiesByMachine", 2, 0, "field 'deviceId' is missing or empty"),
                ("/api/machines/SoftwareVulnerabilitiesByMachine", 2, 10, "field 'deviceId' is missing or empty"));
        run.GetProperty("devicesNotListed").GetInt32().Should().Be(0);
        run.GetProperty("findingsWithoutDevice").GetInt32().Should().Be(0);
        run.GetProperty("findingsSeen").GetInt32().Should().Be((FailureEnvironment.PageSize * FailureEnvironment.FindingPages) - 2);
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

    private async Task<List<string>> DeviceNamesAsync(IngestionTenant tenant)
    {
        await using var db = env.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
        return await db.Devices.Select(d => d.Name).ToListAsync();
    }

    private static async Task<JsonElement> RunAsync(IngestionTenant tenant) =>
        await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), FailureEnvironment.RunTimeout);
}
