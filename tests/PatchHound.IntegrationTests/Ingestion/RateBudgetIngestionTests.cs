using System.Globalization;
using System.Text.Json;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>
/// Worker processes pacing their Defender calls below the limits of the simulator, which enforces them per Defender
/// tenant (ADR 0017): real PostgreSQL, Redis, simulator and workers. Windows are shortened to seconds on both sides
/// (the same override keys), so a test lasts about a minute instead of an hour.
/// </summary>
public sealed class RateBudgetIngestionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Devices × 2 findings, no inventory rows: with page size 10 a run is 1 machines call and devices / 5 export calls.</summary>
    private static Dictionary<string, string?> Simulator(int devices, int exportCalls, TimeSpan per)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = devices.ToString(CultureInfo.InvariantCulture),
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "2",
            ["Simulator:DefaultTenant:InstalledSoftwarePerDevice"] = "0",
            ["Simulator:RateLimits:Enabled"] = "true",
        };
        foreach (var (key, value) in Limits(exportCalls, per))
        {
            settings["Simulator:RateLimits:" + key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return settings;
    }

    private static Dictionary<string, string?> Limits(int exportCalls, TimeSpan per) => new()
    {
        ["Limits__Export__0__Calls"] = exportCalls.ToString(CultureInfo.InvariantCulture),
        ["Limits__Export__0__Per"] = per.ToString("c", CultureInfo.InvariantCulture),
        ["Limits__Export__1__Calls"] = "1000",
        ["Limits__Export__1__Per"] = "01:00:00",
    };

    private static Dictionary<string, string?> Worker(string redis, IReadOnlyDictionary<string, string?> limits, string? inlineWaitLimit = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Redis"] = redis,
            ["Defender__RateBudget__Enabled"] = "true",
        };
        if (inlineWaitLimit is not null)
        {
            settings["Defender__RateBudget__InlineWaitLimit"] = inlineWaitLimit;
        }

        foreach (var (key, value) in limits)
        {
            settings["Defender__RateBudget__" + key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Two_workers_ingesting_two_sources_of_one_Defender_tenant_together_stay_within_its_budget_and_get_no_429()
    {
        var per = TimeSpan.FromSeconds(10);
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, Simulator(devices: 40, exportCalls: 5, per));
        var defenderTenant = Guid.NewGuid().ToString();
        var first = await env.AddTenantAsync("budget-a", pageSize: 10, defenderTenantId: defenderTenant);
        var second = await env.AddTenantAsync("budget-b", pageSize: 10, defenderTenantId: defenderTenant);
        var redis = (await RedisServer.Instance).ConnectionString;
        await env.StartWorkerAsync("worker-1", Worker(redis, Limits(5, per)));
        await env.StartWorkerAsync("worker-2", Worker(redis, Limits(5, per)));

        var runs = new[] { (first, await first.TriggerAcceptedAsync()), (second, await second.TriggerAcceptedAsync()) };
        var finished = await Task.WhenAll(runs.Select(r => r.Item1.WaitForFinishAsync(r.Item2, RunTimeout)));

        foreach (var run in finished)
        {
            run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + env.WorkerOutput);
            run.GetProperty("pagesDone").GetInt32().Should().Be(1 + 8, "one machines page and 80 export rows 10 a page");
        }

        var export = await StatsAsync(env, defenderTenant, "vulnerabilities");
        Count(export, "requests").Should().BeGreaterThanOrEqualTo(16, "both sources read the same Defender tenant's export, 8 pages each");
        Count(export, "throttled").Should().Be(0, "the workers paced themselves: Defender never had to refuse a call");
        Count(export, "busiestWindow").Should().BeInRange(1, 5, "no 10 s window saw more than its 5 calls, refused ones included");
        Count(await StatsAsync(env, defenderTenant, "machines"), "throttled").Should().Be(0);
    }

    [Fact]
    public async Task A_run_whose_budget_frees_later_than_the_inline_wait_says_until_when_it_waits_and_then_completes()
    {
        var per = TimeSpan.FromSeconds(20);
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, Simulator(devices: 40, exportCalls: 3, per));
        var tenant = await env.AddTenantAsync("budget-wait", pageSize: 10);
        await env.StartWorkerAsync("worker", Worker((await RedisServer.Instance).ConnectionString, Limits(3, per), inlineWaitLimit: "00:00:01"));

        var runId = await tenant.TriggerAcceptedAsync();
        var waiting = await tenant.WaitForFinishAsync(runId, RunTimeout,
            r => IngestionTenant.IsFinished(r) || r.GetProperty("phase").GetString()?.StartsWith("waiting", StringComparison.Ordinal) == true);
        var run = await tenant.WaitForFinishAsync(runId, RunTimeout);

        waiting.GetProperty("phase").GetString().Should().MatchRegex(@"^waiting for Defender's rate budget until \d\d:\d\d UTC$", waiting.ToString());
        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + env.WorkerOutput);
        run.GetProperty("pagesDone").GetInt32().Should().Be(9);
        run.GetProperty("phase").GetString().Should().Be("merge", "the phase is the run's own again once it reads on");
        env.WorkerOutput.Should().Contain("rescheduled as job");
        Count(await StatsAsync(env, tenant.TenantId.ToString(), "vulnerabilities"), "throttled").Should().Be(0);
    }

    [Fact]
    public async Task With_Redis_stopped_a_run_completes_on_the_per_process_budget_and_the_worker_says_so()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var env = await IngestionRunEnvironment.StartAsync(fixture.Database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "40",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "2",
            ["Simulator:DefaultTenant:InstalledSoftwarePerDevice"] = "0",
            ["Simulator:RateLimits:Enabled"] = "true",
        });
        var tenant = await env.AddTenantAsync("budget-no-redis", pageSize: 20);
        await env.StartWorkerAsync("worker", Worker(redis.ConnectionString, new Dictionary<string, string?>()));
        redis.Stop();

        var run = await tenant.WaitForFinishAsync(await tenant.TriggerAcceptedAsync(), RunTimeout);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + env.WorkerOutput);
        run.GetProperty("pagesDone").GetInt32().Should().Be(1 + 4);
        env.WorkerOutput.Should().Contain("Redis is unreachable for the Defender rate budget");
        Count(await StatsAsync(env, tenant.TenantId.ToString(), "vulnerabilities"), "throttled").Should().Be(0);
    }

    private static async Task<JsonElement> StatsAsync(IngestionRunEnvironment env, string tenant, string endpoint) =>
        (await env.Simulator.StatsAsync()).GetProperty(tenant.ToLowerInvariant()).GetProperty(endpoint);

    private static long Count(JsonElement stats, string name) => stats.TryGetProperty(name, out var value) ? value.GetInt64() : 0;
}
