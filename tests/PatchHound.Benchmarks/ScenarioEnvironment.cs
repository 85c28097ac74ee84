using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Ingestion;

namespace PatchHound.Benchmarks;

/// <summary>
/// One scenario's world: a fresh migrated database with the simulator, the API in process and worker processes
/// (the integration tests' <see cref="IngestionRunEnvironment"/>), and a second fresh database for the floor.
/// </summary>
internal sealed class ScenarioEnvironment : IAsyncDisposable
{
    private const int WarmUpDevices = 20;
    private const int WarmUpPageSize = 25;

    private readonly BenchmarkOptions options;
    private readonly TestDatabase floorDatabase;

    private ScenarioEnvironment(BenchmarkOptions options, TestDatabase database, TestDatabase floorDatabase, IngestionRunEnvironment runs)
    {
        this.options = options;
        Database = database;
        this.floorDatabase = floorDatabase;
        Runs = runs;
    }

    public BenchmarkOptions Options => options;

    public TestDatabase Database { get; }

    public IngestionRunEnvironment Runs { get; }

    public static async Task<ScenarioEnvironment> StartAsync(
        BenchmarkOptions options, IReadOnlyDictionary<string, string?>? simulatorSettings = null)
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var floorDatabase = await TestDatabase.CreateMigratedAsync();
        // Measures PatchHound, not Defender's quota: a 100k-device run reads more than 30 export pages a minute.
        var settings = new Dictionary<string, string?>(simulatorSettings ?? new Dictionary<string, string?>()) { ["Simulator:RateLimits:Enabled"] = "false" };
        var runs = await IngestionRunEnvironment.StartAsync(database, settings);
        return new ScenarioEnvironment(options, database, floorDatabase, runs);
    }

    /// <summary>A tenant with one simulated Defender source of the given size.</summary>
    public async Task<IngestionTenant> AddTenantAsync(string slug, int devices, int? pageSize = null, int churnPercent = 5)
    {
        var tenant = await Runs.AddTenantAsync(slug, pageSize ?? options.PageSize);
        using var response = await Runs.Simulator.Client.PutAsJsonAsync(
            new Uri($"/_sim/tenants/{tenant.TenantId}", UriKind.Relative),
            new { devices, findingsPerDevice = options.FindingsPerDevice, churnPercent });
        response.EnsureSuccessStatusCode();
        return tenant;
    }

    public Task<HostProcess> StartWorkerAsync(string name) => Runs.StartWorkerAsync(name, WorkerSettings.For(options));

    /// <summary>Tiny tenants whose runs warm up freshly started workers; add them before starting the workers.</summary>
    public async Task<IReadOnlyList<IngestionTenant>> AddWarmUpTenantsAsync(int count)
    {
        var tenants = new List<IngestionTenant>();
        for (var i = 1; i <= count; i++)
        {
            tenants.Add(await AddTenantAsync($"warm-up-{i}", WarmUpDevices, WarmUpPageSize));
        }

        return tenants;
    }

    /// <summary>
    /// One small run per warm-up tenant, all at once, so that measured runs meet workers that have already run every
    /// step once (JIT, EF model, connection pools) as long-lived workers have; then their sources are disabled so
    /// that a dispatch does not pick them up again. Returns how long the warm-up took.
    /// </summary>
    public async Task<TimeSpan> WarmUpAsync(IReadOnlyList<IngestionTenant> tenants, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        foreach (var tenant in tenants)
        {
            await TriggerAsync(tenant);
        }

        var runs = await RunRecord.WaitForFinishAsync(
            Database.OwnerConnectionString, tenants.Select(t => t.TenantId).ToList(), tenants.Count, TimeSpan.FromMinutes(5), cancellationToken);
        if (runs.FirstOrDefault(r => r.Status != "Succeeded") is { } failed)
        {
            throw new InvalidOperationException($"Warm-up run {failed.Id} ended {failed.Status}: {failed.Error}");
        }

        foreach (var tenant in tenants)
        {
            await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
            var source = await db.SourceConfigurations.SingleAsync(s => s.Id == tenant.SourceId, cancellationToken);
            source.Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
        }

        return runs.Max(r => r.FinishedAt!.Value) - started;
    }

    /// <summary>Null: the tenant's source runs full exports only; N: deltas between full exports (ADR 0016).</summary>
    public async Task SetFullRunIntervalAsync(IngestionTenant tenant, int? days, CancellationToken cancellationToken)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
        var source = await db.SourceConfigurations.SingleAsync(s => s.Id == tenant.SourceId, cancellationToken);
        source.ChoosePullMode(days, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<SourceSnapshot> SnapshotAsync(IngestionTenant tenant, CancellationToken cancellationToken) =>
        SourceSnapshot.ReadAsync(Runs.Simulator, tenant.TenantId, options.PageSize, cancellationToken);

    public Task<TimeSpan> FloorAsync(IReadOnlyList<SourceSnapshot> snapshots, CancellationToken cancellationToken) =>
        new RawLoadFloor(floorDatabase).MeasureAsync(snapshots, cancellationToken);

    /// <summary>Starts a run the way a tenant admin does: <c>POST /api/tenants/{tenant}/sources/{source}/runs</c>.</summary>
    public static async Task<Guid> TriggerAsync(IngestionTenant tenant)
    {
        using var response = await tenant.TriggerAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Triggering a run of {tenant.Slug} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<RunRecord> WaitForRunAsync(IngestionTenant tenant, Guid runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var runs = await RunRecord.WaitForFinishAsync(Database.OwnerConnectionString, [tenant.TenantId], 1, timeout, cancellationToken);
        return runs.Single(r => r.Id == runId);
    }

    /// <summary>
    /// The run's job chain once Hangfire has recorded the merge job's end: the run row says Succeeded a moment
    /// before, from inside that job.
    /// </summary>
    public async Task<RunTimeline> TimelineAsync(Guid runId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var timeline = await RunTimeline.ReadAsync(Database.OwnerConnectionString, runId, cancellationToken);
        while (!timeline.IsComplete && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            timeline = await RunTimeline.ReadAsync(Database.OwnerConnectionString, runId, cancellationToken);
        }

        return timeline;
    }

    public async ValueTask DisposeAsync()
    {
        await Runs.DisposeAsync();
        WorkerLogs.Save(Runs.Workers);
        if (options.KeepDatabases)
        {
            Console.Error.WriteLine($"Kept databases {Database.Name} and {floorDatabase.Name}");
            return;
        }

        await Database.DisposeAsync();
        await floorDatabase.DisposeAsync();
    }
}
