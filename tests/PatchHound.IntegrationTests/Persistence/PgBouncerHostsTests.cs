using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Ingestion;
using PatchHound.IntegrationTests.Jobs;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// The hosts in <c>Database:Pooler=PgBouncerTransaction</c> behind a real transaction-mode PgBouncer with two server
/// connections (docs/connections.md): the schema is migrated on the direct connection (the harness's migrator, under
/// its session advisory lock), the API and a worker process serve through the pooler with their listening connections
/// on <c>ConnectionStrings:PatchHoundDirect</c>, and ingestion (COPY into temporary tables, the merge under its
/// transaction lock), a sweep job and two tenants' API reads interleaved all work.
/// </summary>
public sealed class PgBouncerHostsTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Through_pgbouncer_ingestion_runs_and_a_sweep_job_complete_and_two_tenants_api_reads_stay_apart()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        // Fewer server connections than the two hosts' clients (API 4 + worker 5 + Hangfire's), so transactions of both
        // tenants interleave on the same server connections; two starved the API into 503s while the worker ingested.
        await using var bouncer = await PgBouncerServer.StartAsync(serverConnections: 4);
        var direct = database.AppConnectionString();
        var throughBouncer = bouncer.Through(direct);
        await using var env = await IngestionRunEnvironment.StartAsync(database, new Dictionary<string, string?>
        {
            ["Simulator:DefaultTenant:Devices"] = "30",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "3",
        }, new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = throughBouncer,
            ["ConnectionStrings:PatchHoundDirect"] = direct,
            ["Database:Pooler"] = nameof(ConnectionPooler.PgBouncerTransaction),
        });
        var dataSource = env.Api.Services.GetRequiredService<NpgsqlDataSource>();
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Port.Should().Be(bouncer.Port, "the API's pool goes through PgBouncer");
        var a = await env.AddTenantAsync("bouncer-a", pageSize: 40);
        var b = await env.AddTenantAsync("bouncer-b", pageSize: 40);
        await env.StartWorkerAsync("worker", new Dictionary<string, string?>
        {
            ["ConnectionStrings__PatchHound"] = throughBouncer,
            ["ConnectionStrings__PatchHoundDirect"] = direct,
            ["Database__Pooler"] = nameof(ConnectionPooler.PgBouncerTransaction),
        });

        var runs = await Task.WhenAll(
            a.WaitForFinishAsync(await a.TriggerAcceptedAsync(), RunTimeout), b.WaitForFinishAsync(await b.TriggerAcceptedAsync(), RunTimeout));
        runs.Should().AllSatisfy(run => run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + env.WorkerOutput));

        var jobs = new TestJobStorage(database);
        var sweep = jobs.Client.Create<SlaCheckJob>(j => j.RunAsync(null, CancellationToken.None), new EnqueuedState(SlaCheckJob.Queue));
        (await jobs.WaitForStateAsync(sweep, SucceededState.StateName, TimeSpan.FromSeconds(90)))
            .Should().Be(SucceededState.StateName, "the worker fetches and runs a sweep through PgBouncer. " + env.WorkerOutput);

        var expected = new Dictionary<IngestionTenant, (HashSet<Guid> Devices, HashSet<Guid> Findings)>
        {
            [a] = await LiveIdsAsync(database, a.TenantId),
            [b] = await LiveIdsAsync(database, b.TenantId),
        };
        expected[a].Devices.Should().HaveCount(30);
        expected[a].Devices.Overlaps(expected[b].Devices).Should().BeFalse();
        var reads = Enumerable.Range(0, 24).Select(async i =>
        {
            var tenant = i % 2 == 0 ? a : b;
            var path = i % 4 < 2 ? "devices" : "findings";
            var page = await tenant.Admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant.Slug}/{path}?limit=500");
            var ids = page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToHashSet();
            ids.Should().BeEquivalentTo(path == "devices" ? expected[tenant].Devices : expected[tenant].Findings,
                $"read {i.ToString(CultureInfo.InvariantCulture)} of {tenant.Slug}'s {path} sees exactly its own rows");
        });
        await Task.WhenAll(reads);
    }

    private static async Task<(HashSet<Guid> Devices, HashSet<Guid> Findings)> LiveIdsAsync(TestDatabase database, Guid tenantId)
    {
        await using var db = database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return ((await db.Devices.Select(d => d.Id).ToListAsync()).ToHashSet(), (await db.Findings.Select(f => f.Id).ToListAsync()).ToHashSet());
    }
}
