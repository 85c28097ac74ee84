using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Ingestion;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Jobs;

namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>
/// One <see cref="IngestionRunEnvironment"/> shared by the tests of a class: a fresh database, the simulator, the API
/// and one worker with small retry budgets so that failures end in seconds. Small tenants: 20 devices (2 machine
/// pages of 10) with 3 findings each (3 finding pages of 20), so a run is batches 1-2 (devices), 3-5 (findings) and a
/// merge. The tenants are created before the worker starts, since it reads their credentials at start-up.
/// </summary>
public abstract class FailureEnvironment : IAsyncLifetime
{
    public const int MachinePageSize = 10;
    public const int PageSize = 20;
    public const int DevicePages = 2;
    public const int FindingPages = 3;
    public const int MaxPageBytes = 256 * 1024;

    /// <summary>Generous: the whole path runs on a shared two-core machine.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private readonly Dictionary<string, IngestionTenant> tenants = new(StringComparer.Ordinal);
    private TestDatabase? database;
    private IngestionRunEnvironment? environment;
    private TestJobStorage? jobs;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialized.");

    public IngestionRunEnvironment Env => environment ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A Hangfire client of the test's own on the database, to enqueue jobs as the API or a sweep would.</summary>
    public IBackgroundJobClient JobClient => JobStorage.Client;

    private TestJobStorage JobStorage => jobs ??= new TestJobStorage(Database);

    protected abstract IEnumerable<(string Name, int RetryCount)> TenantNames { get; }

    public IngestionTenant Tenant(string name) => tenants[name];

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        environment = await IngestionRunEnvironment.StartAsync(database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "20",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "3",
            ["Simulator:DefaultTenant:ChurnPercent"] = "30",
            ["Simulator:MaxMachinesPageSize"] = MachinePageSize.ToString(CultureInfo.InvariantCulture),
        });
        foreach (var (name, retryCount) in TenantNames)
        {
            tenants[name] = await environment.AddTenantAsync($"fail-{name}", PageSize, retryCount);
        }

        await environment.StartWorkerAsync("worker", new Dictionary<string, string?>
        {
            // No test here kills a worker; a longer lease survives a loaded machine's late renewals.
            ["Jobs__Leases__Duration"] = "00:00:20",
            ["Defender__MaxTransientAttempts"] = "1",
            ["Defender__RetryBaseDelay"] = "00:00:00",
            ["Defender__MaxThrottledAttempts"] = "2",
            ["Defender__MaxRetryAfter"] = "00:00:01",
            ["Defender__MaxPageBytes"] = MaxPageBytes.ToString(CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (environment is not null)
        {
            await environment.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Distinct batch numbers with staging rows of the run, ascending.</summary>
    public async Task<List<int>> StagedBatchesAsync(IngestionTenant tenant, Guid runId)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
        var devices = await db.StagedDevices.Where(d => d.RunId == runId).Select(d => d.BatchNumber).Distinct().ToListAsync();
        var findings = await db.StagedFindings.Where(f => f.RunId == runId).Select(f => f.BatchNumber).Distinct().ToListAsync();
        return [.. devices.Union(findings).Order()];
    }

    public async Task<IngestionCheckpoint?> CheckpointAsync(IngestionTenant tenant, Guid runId)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
        return await db.IngestionCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.RunId == runId);
    }

    /// <summary>Every device and finding of the tenant with what a merge changes on them.</summary>
    public async Task<LiveState> LiveStateAsync(IngestionTenant tenant)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.TenantId));
        var devices = await db.Devices.Select(d => new { d.ExternalId, d.LastSeenAt, d.RiskScore }).ToListAsync();
        var findings = await db.Findings
            .Join(db.Devices, f => f.DeviceId, d => d.Id, (f, d) => new { d.ExternalId, f.VulnerabilityId, f.ProductName, f.Status, f.LastSeenAt })
            .ToListAsync();
        return new LiveState(
            devices.Select(d => $"{d.ExternalId} seen {d.LastSeenAt:O} risk {d.RiskScore}").ToHashSet(),
            findings.Select(f => $"{f.ExternalId} {f.VulnerabilityId} {f.ProductName} {f.Status} seen {f.LastSeenAt:O}").ToHashSet());
    }

    /// <summary>The run's Hangfire jobs in the given state (Failed or Succeeded).</summary>
    public IReadOnlyList<(string Id, Job Job)> JobsOfRun(Guid runId, string state)
    {
        var monitoring = JobStorage.Storage.GetMonitoringApi();
        var jobs = state switch
        {
            "Failed" => monitoring.FailedJobs(0, 1000).Select(j => (j.Key, j.Value.Job)),
            "Succeeded" => monitoring.SucceededJobs(0, 1000).Select(j => (j.Key, j.Value.Job)),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Failed or Succeeded"),
        };
        return [.. jobs.Where(j => j.Job?.Args.Contains(runId) == true).Select(j => (j.Key, j.Job!))];
    }

    /// <summary>Waits for the run's job to reach Failed (a run is dead-lettered just before Hangfire fails its job).</summary>
    public async Task<string> FailedJobOfRunAsync(Guid runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (JobsOfRun(runId, "Failed").Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        return JobsOfRun(runId, "Failed").Should().ContainSingle().Which.Id;
    }
}
