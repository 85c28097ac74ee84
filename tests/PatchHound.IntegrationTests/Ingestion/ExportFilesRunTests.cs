using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>
/// Via-files runs end to end (ADR 0016): a worker process, the API, and the simulator serving the export's file list
/// and its gzip JSON-lines files behind SAS-like URLs, which expire and must never receive the Defender token.
/// </summary>
public sealed class ExportFilesRunTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Files = 5;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_files_run_ingests_what_a_full_json_run_does_and_never_sends_the_token_to_the_files_host()
    {
        await using var env = await StartAsync();
        var tenant = await env.AddTenantAsync("files-equal", pageSize: 60);
        await SetPullModeAsync(tenant, "Files");
        await env.StartWorkerAsync("worker", AllowSimulatorFiles(env));

        var files = await RunAsync(tenant, env);

        files.GetProperty("pullMode").GetString().Should().Be("Files");
        files.GetProperty("pagesDone").GetInt32().Should().Be(1 + Files, "one devices page, then one batch per file");
        var export = await SimulatorTruth.ExportAsync(env.Simulator, tenant.TenantId);
        var afterFiles = await TablesAsync(tenant.TenantId);
        afterFiles.Open.Should().BeEquivalentTo(export.Findings);
        afterFiles.Software.Should().BeEquivalentTo(export.Software);
        var stats = (await env.Simulator.StatsAsync()).GetProperty(tenant.TenantId.ToString());
        Count(stats, "exports", "requests").Should().Be(1, "the worker kept the file list between the run's batches");
        Count(stats, "exportfiles", "pages").Should().Be(Files);
        Count(stats, "exportfiles", "authorizationHeaders").Should().Be(0, "a SAS URL is its own credential: the bearer token never goes to storage");

        await SetPullModeAsync(tenant, "Full");
        var full = await RunAsync(tenant, env);

        full.GetProperty("pullMode").GetString().Should().Be("Full");
        full.GetProperty("findingsNew").GetInt32().Should().Be(0, "the files run left nothing for the JSON export to add");
        full.GetProperty("findingsResolved").GetInt32().Should().Be(0, "nor to resolve");
        (await TablesAsync(tenant.TenantId)).Should().BeEquivalentTo(afterFiles, "devices, software and findings are those of the JSON export");
    }

    [Fact]
    public async Task A_file_url_off_the_allowed_hosts_fails_the_run_clearly_without_being_requested()
    {
        await using var env = await StartAsync();
        var tenant = await env.AddTenantAsync("files-offhost", pageSize: 60);
        await SetPullModeAsync(tenant, "Files");
        await env.StartWorkerAsync("worker");

        var run = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);

        run.GetProperty("status").GetString().Should().Be("DeadLettered", env.WorkerOutput);
        run.GetProperty("error").GetString().Should().Contain("export file 1").And.Contain("Defender:AllowedExportFileHosts")
            .And.Contain(env.Simulator.BaseAddress.GetLeftPart(UriPartial.Authority)).And.NotContain("sig=");
        var stats = (await env.Simulator.StatsAsync()).GetProperty(tenant.TenantId.ToString());
        Count(stats, "exportfiles", "requests").Should().Be(0, "no file was requested");
        env.WorkerOutput.Should().NotContain("sig=", "no SAS signature reaches a log");
    }

    [Fact]
    public async Task An_expired_file_url_mid_run_is_asked_for_afresh_and_the_run_succeeds()
    {
        await using var env = await StartAsync();
        var tenant = await env.AddTenantAsync("files-expired", pageSize: 60);
        await SetPullModeAsync(tenant, "Files");
        await env.Simulator.SetFaultsAsync(new { kind = "Forbidden", endpoint = "exportfiles", page = 3, times = 1 });
        await env.StartWorkerAsync("worker", AllowSimulatorFiles(env));

        var run = await RunAsync(tenant, env);

        var export = await SimulatorTruth.ExportAsync(env.Simulator, tenant.TenantId);
        (await TablesAsync(tenant.TenantId)).Open.Should().BeEquivalentTo(export.Findings);
        var stats = (await env.Simulator.StatsAsync()).GetProperty(tenant.TenantId.ToString());
        Count(stats, "exports", "requests").Should().Be(2, "file 3's refused URL made the worker ask for fresh ones");
        Count(stats, "exportfiles", "pages").Should().Be(Files);
        run.GetProperty("pagesDone").GetInt32().Should().Be(1 + Files);
        env.WorkerOutput.Should().Contain("fresh download URLs").And.NotContain("sig=");
    }

    [Fact]
    public async Task The_simulator_refuses_an_expired_or_edited_file_url_as_azure_storage_does_and_serves_a_valid_one_without_a_token()
    {
        await using var env = await StartAsync(new Dictionary<string, string?> { ["Simulator:ExportFileUrlLifetime"] = "00:00:02" });
        var client = await env.Simulator.ClientForAsync("c0ffee00-0000-4000-8000-000000000001");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/machines/SoftwareVulnerabilitiesExport");
        var urls = list.GetProperty("exportFiles").EnumerateArray().Select(u => new Uri(u.GetString()!)).ToList();
        urls.Should().HaveCount(Files);
        list.GetProperty("generatedTime").GetDateTimeOffset().Should().BeBefore(DateTimeOffset.UtcNow.AddDays(1));

        using var anonymous = new HttpClient();
        using (var valid = await anonymous.GetAsync(urls[0]))
        {
            valid.StatusCode.Should().Be(HttpStatusCode.OK);
            await using var gzip = new System.IO.Compression.GZipStream(await valid.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
            using var lines = new StreamReader(gzip);
            JsonDocument.Parse(await lines.ReadLineAsync() ?? "null").RootElement.GetProperty("deviceId").GetString().Should().NotBeNullOrEmpty();
        }

        var edited = new Uri(urls[0].AbsoluteUri.Replace("part-00001", "part-00002", StringComparison.Ordinal));
        using (var refused = await anonymous.GetAsync(edited))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("<Code>AuthenticationFailed</Code>");
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var expired = await anonymous.GetAsync(urls[1]);
        expired.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await expired.Content.ReadAsStringAsync()).Should().Contain("AuthenticationFailed").And.Contain("Signed expiry time");
        (await client.GetAsync("/api/machines/SoftwareVulnerabilitiesExport?sasValidHours=7")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_worker_killed_after_file_k_leaves_a_run_that_resumes_at_file_k_plus_one_with_fresh_urls_and_no_duplicates()
    {
        await using var env = await StartAsync();
        var tenant = await env.AddTenantAsync("files-crash", pageSize: 60);
        await SetPullModeAsync(tenant, "Files");
        await env.Simulator.SetFaultsAsync(new { kind = "Latency", endpoint = "exportfiles", latencyMs = 1500 });
        var first = await env.StartWorkerAsync("worker-1", AllowSimulatorFiles(env));

        var runId = await tenant.TriggerAcceptedAsync();
        var midway = await tenant.WaitForFinishAsync(runId, RunTimeout, r => r.GetProperty("pagesDone").GetInt32() >= 3);
        first.Kill();
        var pagesAtKill = midway.GetProperty("pagesDone").GetInt32();
        await env.StartWorkerAsync("worker-2", AllowSimulatorFiles(env));
        var run = await tenant.WaitForFinishAsync(runId, RunTimeout);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run + env.WorkerOutput);
        pagesAtKill.Should().BeLessThan(1 + Files, "the worker was killed mid-run");
        run.GetProperty("pagesDone").GetInt32().Should().Be(1 + Files, "each file was committed exactly once");
        var export = await SimulatorTruth.ExportAsync(env.Simulator, tenant.TenantId);
        var tables = await TablesAsync(tenant.TenantId);
        tables.Open.Should().BeEquivalentTo(export.Findings);
        tables.Software.Should().BeEquivalentTo(export.Software);
        tables.FindingRows.Should().Be(export.Findings.Count, "no finding was staged or merged twice");
        var stats = (await env.Simulator.StatsAsync()).GetProperty(tenant.TenantId.ToString());
        Count(stats, "exports", "requests").Should().Be(2, "the second worker asked for fresh URLs");
        Count(stats, "exportfiles", "requests").Should().BeLessThanOrEqualTo(Files + 1, "it resumed after the checkpointed file, re-reading at most the one in flight");
    }

    [Fact]
    public async Task A_malformed_line_or_gzip_dead_letters_the_run_with_nothing_committed_and_unusable_rows_are_skipped_and_counted()
    {
        await using var env = await StartAsync();
        var line = await env.AddTenantAsync("files-badline", pageSize: 60);
        var gzip = await env.AddTenantAsync("files-badgzip", pageSize: 60);
        var unusable = await env.AddTenantAsync("files-unusable", pageSize: 60);
        foreach (var tenant in new[] { line, gzip, unusable })
        {
            await SetPullModeAsync(tenant, "Files");
        }

        await env.Simulator.SetFaultsAsync(
            new { kind = "TruncatedJson", endpoint = "exportfiles", page = 2, tenant = line.TenantId.ToString() },
            new { kind = "HtmlErrorPage", endpoint = "exportfiles", page = 2, tenant = gzip.TenantId.ToString() },
            new { kind = "UnusableRows", endpoint = "exportfiles", tenant = unusable.TenantId.ToString() });
        await env.StartWorkerAsync("worker", AllowSimulatorFiles(env));

        var badLine = await tenantRun(line);
        var badGzip = await tenantRun(gzip);
        var skipped = await RunAsync(unusable, env);

        badLine.GetProperty("status").GetString().Should().Be("DeadLettered", env.WorkerOutput);
        badLine.GetProperty("error").GetString().Should().Contain("export file 2").And.Contain("not valid JSON");
        badGzip.GetProperty("status").GetString().Should().Be("DeadLettered");
        badGzip.GetProperty("error").GetString().Should().Contain("export file 2").And.Contain("not valid gzip");
        foreach (var (tenant, run) in new[] { (line, badLine), (gzip, badGzip) })
        {
            (await TablesAsync(tenant.TenantId)).FindingRows.Should().Be(0, "a dead-lettered run merges nothing");
            (await StagedBatchesAsync(tenant.TenantId)).Should().Equal([2], "file 1 is staged; nothing of file 2 was committed");
            run.GetProperty("pagesDone").GetInt32().Should().Be(2);
        }

        var export = await SimulatorTruth.ExportAsync(env.Simulator, unusable.TenantId);
        skipped.GetProperty("recordsSkipped").GetInt32().Should().Be(export.Rows / 10, "every tenth row came without its deviceId");
        skipped.GetProperty("skippedRecords")[0].GetProperty("listing").GetString().Should().Contain("SoftwareVulnerabilitiesExport file");

        async Task<JsonElement> tenantRun(IngestionTenant tenant) =>
            await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);
    }

    private Task<IngestionRunEnvironment> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "40",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "5",
            ["Simulator:DefaultTenant:InstalledSoftwarePerDevice"] = "3",
            ["Simulator:ExportFileCount"] = Files.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return IngestionRunEnvironment.StartAsync(fixture.Database, settings);
    }

    private static Dictionary<string, string?> AllowSimulatorFiles(IngestionRunEnvironment env) => new()
    {
        ["Defender__AllowedExportFileHosts__0"] = env.Simulator.BaseAddress.GetLeftPart(UriPartial.Authority),
        ["Ingestion__ExportFileChunkRecords"] = "7",
    };

    private static long Count(JsonElement stats, string endpoint, string kind) =>
        stats.TryGetProperty(endpoint, out var counters) && counters.TryGetProperty(kind, out var value) ? value.GetInt64() : 0;

    private static async Task<JsonElement> RunAsync(IngestionTenant tenant, IngestionRunEnvironment env)
    {
        var run = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);
        run.GetProperty("status").GetString().Should().Be("Succeeded", run + env.WorkerOutput);
        return run;
    }

    private static async Task SetPullModeAsync(IngestionTenant tenant, string mode)
    {
        var path = $"/api/tenants/{tenant.Slug}/sources/{tenant.SourceId}";
        var current = await tenant.Admin.GetFromJsonAsync<JsonElement>(path);
        using var response = await tenant.Admin.PutAsJsonAsync(path, new
        {
            name = current.GetProperty("name").GetString(),
            cronSchedule = current.GetProperty("cronSchedule").GetString(),
            baseUrl = current.GetProperty("baseUrl").GetString(),
            pageSize = current.GetProperty("pageSize").GetInt32(),
            enabled = current.GetProperty("enabled").GetBoolean(),
            pullMode = mode,
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await tenant.Admin.GetFromJsonAsync<JsonElement>(path)).GetProperty("pullMode").GetString().Should().Be(mode);
    }

    private async Task<Tables> TablesAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var findings = await db.Findings
            .Join(db.Devices, f => f.DeviceId, d => d.Id, (f, d) => new { d.ExternalId, f.VulnerabilityId, f.ProductName, f.Status })
            .ToListAsync();
        var software = await db.InstalledSoftware
            .Join(db.Devices, s => s.DeviceId, d => d.Id, (s, d) => new { d.ExternalId, s.Vendor, s.Name, s.Version })
            .ToListAsync();
        var devices = await db.Devices.Select(d => d.ExternalId).ToListAsync();
        return new Tables(
            devices.ToHashSet(),
            findings.Where(f => f.Status == Core.Findings.FindingStatus.Open).Select(f => (f.ExternalId, f.VulnerabilityId, f.ProductName)).ToHashSet(),
            software.Select(s => (s.ExternalId, s.Vendor, s.Name, s.Version)).ToHashSet(),
            findings.Count);
    }

    private async Task<List<int>> StagedBatchesAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return await db.StagedFindings.Select(f => f.BatchNumber).Distinct().OrderBy(b => b).ToListAsync();
    }

    private sealed record Tables(
        HashSet<string> Devices,
        HashSet<(string Device, string Cve, string Product)> Open,
        HashSet<(string Device, string Vendor, string Name, string Version)> Software,
        int FindingRows)
    {
        public bool Equals(Tables? other) =>
            other is not null && Devices.SetEquals(other.Devices) && Open.SetEquals(other.Open) && Software.SetEquals(other.Software)
            && FindingRows == other.FindingRows;

        public override int GetHashCode() => FindingRows;
    }
}
