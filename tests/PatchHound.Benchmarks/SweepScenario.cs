using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs;
using PatchHound.Jobs.Ai;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.Benchmarks;

/// <summary>
/// Issue 13's sweep cost: many active, idle tenants (each with an enabled source whose next slot is an hour away), and
/// each recurring sweep timed as its Hangfire job runs it — lease, due-tenant query, fan-out — in a host built like the
/// worker's. For comparison the per-tenant path (every active tenant in its own scope, as before the due-tenant
/// queries) is timed in the same run on the same database, for the sweeps the issue measured.
/// </summary>
internal sealed class SweepScenario(BenchmarkOptions options)
{
    private const int Repeats = 5;

    public async Task<IReadOnlyList<SweepResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"sweeps: creating {options.SweepTenants:N0} idle tenants");
        await using var database = await TestDatabase.CreateMigratedAsync();
        await SeedIdleTenantsAsync(database, options.SweepTenants);
        using var host = BuildHost(database);
        await host.StartAsync(cancellationToken);
        var services = host.Services;
        var rows = new List<SweepResultRow>();
        rows.Add(await TimeAsync("ingestion-dispatch", "due tenants", () => services.GetRequiredService<IngestionDispatchJob>().RunAsync(null, cancellationToken)));
        rows.Add(await TimeAsync("workflow-timeouts", "due tenants", () => services.GetRequiredService<WorkflowTimeoutsJob>().RunAsync(null, cancellationToken)));
        rows.Add(await TimeAsync("scan-scheduler", "due tenants", () => services.GetRequiredService<ScanSchedulerJob>().RunAsync(null, cancellationToken)));
        rows.Add(await TimeAsync("approval-expiry", "due tenants", () => services.GetRequiredService<ApprovalExpiryJob>().RunAsync(null, cancellationToken)));
        rows.Add(await TimeAsync("sla-check", "due tenants", () => services.GetRequiredService<SlaCheckJob>().RunAsync(null, cancellationToken)));
        rows.Add(await TimeAsync("ai-remediation", "due tenants", () => services.GetRequiredService<AiRemediationSweepJob>().RunAsync(null, cancellationToken)));

        rows.Add(await TimeAsync("ingestion-dispatch", "every tenant (before)", () => EveryTenantSweep.RunAsync(
            services, "bench-per-tenant-dispatch", (s, token) => s.GetRequiredService<IngestionDispatch>().RunAsync(token), cancellationToken), repeats: 1));
        rows.Add(await TimeAsync("workflow-timeouts", "every tenant (before)", () => EveryTenantSweep.RunAsync(
            services, "bench-per-tenant-timeouts", (s, token) => s.GetRequiredService<WorkflowTimeouts>().RunAsync(token), cancellationToken), repeats: 1));
        await host.StopAsync(cancellationToken);
        return rows;
    }

    private async Task<SweepResultRow> TimeAsync(string sweep, string path, Func<Task> run, int repeats = Repeats)
    {
        await run(); // warm-up: JIT, pool, plans
        var times = new List<TimeSpan>();
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        var row = new SweepResultRow(sweep, path, options.SweepTenants, times[times.Count / 2], times[^1], repeats);
        Console.Error.WriteLine($"sweeps: {sweep}, {path}: median {row.Median.TotalMilliseconds:F0} ms");
        return row;
    }

    private static IHost BuildHost(TestDatabase database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = database.AppConnectionString(),
            ["Logging:LogLevel:Default"] = "Warning",
            // On, so that the AI sweep queries its due tenants; no request exists, so the provider is never called.
            ["Ai:Enabled"] = "true",
            ["Ai:Provider"] = "Ollama",
            ["Ai:BaseUrl"] = "http://127.0.0.1:9/",
            ["Ai:Model"] = "benchmark",
        });
        builder.AddPatchHoundPersistence();
        builder.AddJobs();
        return builder.Build();
    }

    /// <summary>Tenants through EF (the tenants table is global); their sources as the owner, in one statement.</summary>
    private static async Task SeedIdleTenantsAsync(TestDatabase database, int count)
    {
        await IntegrationTests.Sweeps.IdleTenants.CreateAsync(database, count, DateTimeOffset.UtcNow);
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO source_configurations
                (id, tenant_id, kind, name, cron_schedule, enabled, base_url, page_size, credential_reference, created_at, updated_at, next_slot_at)
            SELECT gen_random_uuid(), t.id, 'Simulator', 'hourly feed', '0 * * * *', true, 'http://127.0.0.1:5090', 1000, NULL,
                   now(), now(), date_trunc('hour', now()) + interval '1 hour'
            FROM tenants t;
            ANALYZE;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
