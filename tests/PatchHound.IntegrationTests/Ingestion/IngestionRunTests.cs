using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class IngestionRunTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private static Dictionary<string, string?> SimulatorSettings(int devices, int installedSoftware = 0) => new()
    {
        ["Simulator:DefaultTenant:Devices"] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Simulator:DefaultTenant:FindingsPerDevice"] = "4",
        ["Simulator:DefaultTenant:InstalledSoftwarePerDevice"] = installedSoftware.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_manual_run_streams_every_page_into_the_live_tables_and_a_second_trigger_meanwhile_gets_409()
    {
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, SimulatorSettings(150, installedSoftware: 10));
        var tenant = await env.AddTenantAsync("ingest-ok", pageSize: 100);
        await env.StartWorkerAsync("worker");

        var runId = await tenant.TriggerAcceptedAsync();
        var second = await tenant.TriggerAsync();
        var run = await tenant.WaitForFinishAsync(runId, RunTimeout);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + env.WorkerOutput);
        var export = await SimulatorTruth.ExportAsync(env.Simulator, tenant.TenantId);
        var truth = export.Findings;
        export.Rows.Should().Be(150 * (4 + 10), "71% of the export is software without a known vulnerability (cveId null), as in real tenants");
        (await LiveFindingsAsync(tenant.TenantId)).Should().BeEquivalentTo(truth);
        (await LiveSoftwareAsync(tenant.TenantId)).Should().BeEquivalentTo(export.Software);
        run.GetProperty("findingsNew").GetInt32().Should().Be(truth.Count);
        run.GetProperty("pagesDone").GetInt32().Should().Be(1 + (export.Rows + 99) / 100, "one machines page, then export rows 100 a page");
        if (second.StatusCode == HttpStatusCode.Conflict)
        {
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeRunId").GetGuid().Should().Be(runId);
        }
        else
        {
            second.StatusCode.Should().Be(HttpStatusCode.Accepted, "only when the first run had already finished");
            var secondRun = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            (await tenant.WaitForFinishAsync(secondRun, RunTimeout)).GetProperty("status").GetString().Should().Be("Succeeded");
        }

        var rerun = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);
        rerun.GetProperty("status").GetString().Should().Be("Succeeded");
        rerun.GetProperty("findingsNew").GetInt32().Should().Be(0);
        rerun.GetProperty("findingsResolved").GetInt32().Should().Be(0);
        (await LiveFindingsAsync(tenant.TenantId)).Should().BeEquivalentTo(truth);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_leaves_a_run_that_resumes_from_its_checkpoint_with_the_same_live_data()
    {
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, SimulatorSettings(200));
        var tenant = await env.AddTenantAsync("ingest-crash", pageSize: 50);
        await env.Simulator.SetFaultsAsync(new { kind = "Latency", endpoint = "vulnerabilities", latencyMs = 400 });
        var first = await env.StartWorkerAsync("worker-1");

        var runId = await tenant.TriggerAcceptedAsync();
        var midway = await tenant.WaitForFinishAsync(runId, RunTimeout, r => r.GetProperty("pagesDone").GetInt32() >= 5);
        first.Kill();
        var pagesAtKill = midway.GetProperty("pagesDone").GetInt32();
        await env.StartWorkerAsync("worker-2");
        var run = await tenant.WaitForFinishAsync(runId, RunTimeout);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + env.WorkerOutput);
        var truth = await SimulatorTruth.FindingsAsync(env.Simulator, tenant.TenantId);
        (await LiveFindingsAsync(tenant.TenantId)).Should().BeEquivalentTo(truth, "the resumed run ends as an uninterrupted one would");
        var totalPages = 1 + (truth.Count + 49) / 50;
        pagesAtKill.Should().BeLessThan(totalPages, "the worker was killed mid-run");
        run.GetProperty("pagesDone").GetInt32().Should().Be(totalPages, "each page was committed exactly once");
        var stats = await env.Simulator.StatsAsync();
        var served = stats.GetProperty(tenant.TenantId.ToString()).GetProperty("vulnerabilities").GetProperty("pages").GetInt32();
        served.Should().BeLessThanOrEqualTo(totalPages - 1 + 2, "it resumed from the checkpoint, re-reading at most the page in flight");
    }

    [Fact]
    public async Task A_malformed_page_dead_letters_the_run_with_a_clear_error_and_changes_nothing_while_another_tenant_succeeds()
    {
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, SimulatorSettings(60));
        var broken = await env.AddTenantAsync("ingest-bad", pageSize: 50);
        var healthy = await env.AddTenantAsync("ingest-good", pageSize: 50);
        await env.StartWorkerAsync("worker");
        var firstRun = await broken.WaitForFinishAsync(await broken.TriggerAcceptedAsync(), RunTimeout);
        firstRun.GetProperty("status").GetString().Should().Be("Succeeded", env.WorkerOutput);
        var before = await LiveFindingsAsync(broken.TenantId);
        await env.Simulator.SetFaultsAsync(new { kind = "TruncatedJson", tenant = broken.TenantId.ToString(), endpoint = "vulnerabilities", page = 3 });
        await env.Simulator.AdvanceAsync(broken.TenantId.ToString());

        var failed = await broken.WaitForFinishAsync(await broken.TriggerAcceptedAsync(), RunTimeout);
        var other = await healthy.WaitForFinishAsync(await healthy.TriggerAcceptedAsync(), RunTimeout);

        failed.GetProperty("status").GetString().Should().Be("DeadLettered", env.WorkerOutput);
        failed.GetProperty("error").GetString().Should().Contain("SourcePayloadException").And.Contain("page");
        (await LiveFindingsAsync(broken.TenantId)).Should().BeEquivalentTo(before, "a failed run resolves and adds nothing");
        other.GetProperty("status").GetString().Should().Be("Succeeded");
        (await LiveFindingsAsync(healthy.TenantId)).Should().BeEquivalentTo(await SimulatorTruth.FindingsAsync(env.Simulator, healthy.TenantId));
        (await broken.Admin.GetAsync($"/api/tenants/{healthy.Slug}/sources/{healthy.SourceId}/runs")).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "an admin of one tenant sees nothing of another");
    }

    [Fact]
    public async Task A_run_out_of_retries_is_dead_lettered_and_an_operator_requeue_resumes_it_from_its_checkpoint()
    {
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, SimulatorSettings(100));
        var tenant = await env.AddTenantAsync("ingest-retry", pageSize: 50, retryCount: 1);
        await env.Simulator.SetFaultsAsync(new { kind = "ServerError", tenant = tenant.TenantId.ToString(), endpoint = "vulnerabilities", page = 4 });
        await env.StartWorkerAsync("worker", new Dictionary<string, string?>
        {
            ["Defender__MaxTransientAttempts"] = "1",
            ["Defender__RetryBaseDelay"] = "00:00:00",
        });
        var jobs = new Jobs.TestJobStorage(fixture.Database);

        var runId = await tenant.TriggerAcceptedAsync();
        var deadLettered = await tenant.WaitForFinishAsync(runId, RunTimeout);

        deadLettered.GetProperty("status").GetString().Should().Be("DeadLettered", env.WorkerOutput);
        deadLettered.GetProperty("attempts").GetInt32().Should().Be(2, "the first attempt and the tenant's one retry");
        deadLettered.GetProperty("error").GetString().Should().Contain("SourceUnavailableException");
        var pagesBefore = deadLettered.GetProperty("pagesDone").GetInt32();
        pagesBefore.Should().Be(1 + 3, "devices and findings pages 1-3 were committed before page 4 failed");
        // The run is marked DeadLettered just before Hangfire moves its job to Failed: wait for the job too.
        // The class's database is shared: pick this run's dead letter among the failed jobs.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!ThisRunsDeadLetters().Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var failedJob = ThisRunsDeadLetters().Single();

        await env.Simulator.SetFaultsAsync();
        jobs.Client.Requeue(failedJob.Key).Should().BeTrue();
        var resumed = await tenant.WaitForFinishAsync(runId, RunTimeout, r => r.GetProperty("status").GetString() == "Succeeded");

        resumed.GetProperty("status").GetString().Should().Be("Succeeded", env.WorkerOutput);
        var truth = await SimulatorTruth.FindingsAsync(env.Simulator, tenant.TenantId);
        (await LiveFindingsAsync(tenant.TenantId)).Should().BeEquivalentTo(truth);
        resumed.GetProperty("pagesDone").GetInt32().Should().Be(1 + (truth.Count + 49) / 50, "pages 1-3 were not read again");

        IEnumerable<KeyValuePair<string, Hangfire.Storage.Monitoring.FailedJobDto>> ThisRunsDeadLetters() =>
            jobs.Storage.GetMonitoringApi().FailedJobs(0, 100).Where(j => j.Value.Job?.Args.Contains(runId) == true);
    }

    [Fact]
    public async Task A_cancelled_run_stops_at_its_next_step_and_merges_nothing()
    {
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, SimulatorSettings(100));
        var tenant = await env.AddTenantAsync("ingest-cancel", pageSize: 50);
        await env.Simulator.SetFaultsAsync(new { kind = "Latency", endpoint = "vulnerabilities", latencyMs = 700 });
        await env.StartWorkerAsync("worker");

        var runId = await tenant.TriggerAcceptedAsync();
        await tenant.WaitForFinishAsync(runId, RunTimeout, r => r.GetProperty("pagesDone").GetInt32() >= 2);
        var cancel = await tenant.Admin.PostAsync($"{tenant.RunsPath}/{runId}/cancel", null);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var run = await tenant.RunAsync(runId);

        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        run.GetProperty("status").GetString().Should().Be("Cancelled", env.WorkerOutput);
        (await LiveFindingsAsync(tenant.TenantId)).Should().BeEmpty("a cancelled run never reaches the merge");
        (await tenant.Admin.PostAsync($"{tenant.RunsPath}/{runId}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await tenant.Admin.GetAsync($"{tenant.RunsPath}/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var next = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);
        next.GetProperty("status").GetString().Should().Be("Succeeded", "a cancelled run does not block the source");
    }

    private async Task<HashSet<(string Device, string Vendor, string Name, string Version)>> LiveSoftwareAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var rows = await db.InstalledSoftware
            .Join(db.Devices, s => s.DeviceId, d => d.Id, (s, d) => new { d.ExternalId, s.Vendor, s.Name, s.Version })
            .ToListAsync();
        return rows.Select(r => (r.ExternalId, r.Vendor, r.Name, r.Version)).ToHashSet();
    }

    private async Task<HashSet<(string Device, string Cve, string Product)>> LiveFindingsAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var rows = await db.Findings.Where(f => f.Status == Core.Findings.FindingStatus.Open)
            .Join(db.Devices, f => f.DeviceId, d => d.Id, (f, d) => new { d.ExternalId, f.VulnerabilityId, f.ProductName })
            .ToListAsync();
        return rows.Select(r => (r.ExternalId, r.VulnerabilityId, r.ProductName)).ToHashSet();
    }
}
