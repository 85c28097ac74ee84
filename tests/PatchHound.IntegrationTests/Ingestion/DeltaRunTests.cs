using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>
/// Delta runs end to end (ADR 0016): a worker process, the API, and the simulator serving the delta export between
/// generations of a churning world, with RBAC-move duplicates and Updated rows.
/// </summary>
public sealed class DeltaRunTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(20261207)]
    [InlineData(4242)]
    public async Task Deltas_over_random_churn_end_where_a_full_export_of_the_final_world_does_and_touch_no_other_tenant(int seed)
    {
        var random = new Random(seed);
        var churn = random.Next(10, 40);
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "40",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "5",
            ["Simulator:DefaultTenant:InstalledSoftwarePerDevice"] = "3",
            ["Simulator:DefaultTenant:ChurnPercent"] = churn.ToString(CultureInfo.InvariantCulture),
            ["Simulator:DefaultTenant:ReopenPercent"] = "30",
        });
        var deltas = await env.AddTenantAsync($"delta-{seed}", pageSize: 60);
        var other = await env.AddTenantAsync($"full-{seed}", pageSize: 60);
        await SetFullRunIntervalAsync(deltas, 7);
        await env.StartWorkerAsync("worker");

        var first = await RunAsync(deltas, env);
        first.GetProperty("pullMode").GetString().Should().Be("Full");
        first.GetProperty("pullNote").GetString().Should().Contain("fell back to a full run").And.Contain("no successful full run yet");
        (await RunAsync(other, env)).GetProperty("pullMode").GetString().Should().Be("Full");
        var otherBefore = await FindingStatesAsync(other.TenantId);

        for (var delta = 1; delta <= 4; delta++)
        {
            var steps = random.Next(1, 4);
            await env.Simulator.AdvanceAsync(deltas.TenantId.ToString(), steps);
            var run = await RunAsync(deltas, env);
            var because = $"seed {seed}, churn {churn}%, delta {delta} after {steps} generations";
            run.GetProperty("pullMode").GetString().Should().Be("Delta", because);
            run.GetProperty("deltaSince").GetDateTimeOffset().Should().BeBefore(run.GetProperty("queuedAt").GetDateTimeOffset());
            var export = await SimulatorTruth.ExportAsync(env.Simulator, deltas.TenantId);
            (await OpenFindingsAsync(deltas.TenantId)).Should().BeEquivalentTo(export.Findings, because);
            (await SoftwareAsync(deltas.TenantId)).Should().BeEquivalentTo(export.Software, because);
            run.GetProperty("findingsSeen").GetInt32().Should().BeLessThan(export.Rows, "a delta reads the changes, not the export");
        }

        var afterDeltas = await FindingStatesAsync(deltas.TenantId);
        afterDeltas.Values.Should().Contain("Resolved", "the churn resolved findings through Fixed rows");
        await SetFullRunIntervalAsync(deltas, null);
        var full = await RunAsync(deltas, env);

        full.GetProperty("pullMode").GetString().Should().Be("Full");
        full.GetProperty("findingsNew").GetInt32().Should().Be(0, "the deltas left nothing for a full export to add");
        full.GetProperty("findingsReopened").GetInt32().Should().Be(0);
        full.GetProperty("findingsResolved").GetInt32().Should().Be(0, "nor anything to resolve");
        (await FindingStatesAsync(deltas.TenantId)).Should().BeEquivalentTo(afterDeltas, "open and resolved findings are those of one full export");
        (await FindingStatesAsync(other.TenantId)).Should().BeEquivalentTo(otherBefore, "the deltas of one tenant never touch another");
        (await other.Admin.GetAsync(deltas.RunsPath.Replace(deltas.Slug, other.Slug, StringComparison.Ordinal))).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "another tenant's source is not found through this tenant");
    }

    [Fact]
    public async Task The_pull_settings_are_validated_and_another_tenants_source_cannot_be_changed()
    {
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "1",
        });
        var tenant = await env.AddTenantAsync("delta-settings", pageSize: 60);
        var other = await env.AddTenantAsync("delta-settings-other", pageSize: 60);

        foreach (var bad in new[] { 0, 91, -3 })
        {
            var response = await PutSourceAsync(tenant, tenant.Slug, bad);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().Contain("fullRunIntervalDays").And.Contain("between 1 and 90");
        }

        (await PutSourceAsync(other, other.Slug, 7, tenant.SourceId)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PutSourceAsync(tenant, tenant.Slug, 7)).StatusCode.Should().Be(HttpStatusCode.OK);
        var source = await tenant.Admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant.Slug}/sources/{tenant.SourceId}");
        source.GetProperty("fullRunIntervalDays").GetInt32().Should().Be(7);
    }

    private static async Task<JsonElement> RunAsync(IngestionTenant tenant, IngestionRunEnvironment env)
    {
        var run = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);
        run.GetProperty("status").GetString().Should().Be("Succeeded", run + env.WorkerOutput);
        return run;
    }

    private static async Task SetFullRunIntervalAsync(IngestionTenant tenant, int? days) =>
        (await PutSourceAsync(tenant, tenant.Slug, days)).EnsureSuccessStatusCode();

    private static async Task<HttpResponseMessage> PutSourceAsync(IngestionTenant tenant, string slug, int? days, Guid? sourceId = null)
    {
        var path = $"/api/tenants/{slug}/sources/{sourceId ?? tenant.SourceId}";
        var current = await tenant.Admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{slug}/sources/{tenant.SourceId}");
        return await tenant.Admin.PutAsJsonAsync(path, new
        {
            name = current.GetProperty("name").GetString(),
            cronSchedule = current.GetProperty("cronSchedule").GetString(),
            baseUrl = current.GetProperty("baseUrl").GetString(),
            pageSize = current.GetProperty("pageSize").GetInt32(),
            enabled = current.GetProperty("enabled").GetBoolean(),
            fullRunIntervalDays = days,
        });
    }

    private async Task<Dictionary<(string Device, string Cve, string Product), string>> FindingStatesAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var rows = await db.Findings
            .Join(db.Devices, f => f.DeviceId, d => d.Id, (f, d) => new { d.ExternalId, f.VulnerabilityId, f.ProductName, f.Status })
            .ToListAsync();
        return rows.ToDictionary(r => (r.ExternalId, r.VulnerabilityId, r.ProductName), r => r.Status.ToString());
    }

    private async Task<HashSet<(string Device, string Cve, string Product)>> OpenFindingsAsync(Guid tenantId) =>
        (await FindingStatesAsync(tenantId)).Where(f => f.Value == "Open").Select(f => f.Key).ToHashSet();

    private async Task<HashSet<(string Device, string Vendor, string Name, string Version)>> SoftwareAsync(Guid tenantId)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var rows = await db.InstalledSoftware
            .Join(db.Devices, s => s.DeviceId, d => d.Id, (s, d) => new { d.ExternalId, s.Vendor, s.Name, s.Version })
            .ToListAsync();
        return rows.Select(r => (r.ExternalId, r.Vendor, r.Name, r.Version)).ToHashSet();
    }
}
