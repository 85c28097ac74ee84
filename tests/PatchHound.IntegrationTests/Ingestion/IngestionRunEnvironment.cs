using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Identity;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;
using PatchHound.IntegrationTests.Jobs;
using PatchHound.IntegrationTests.Simulator;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>
/// The whole ingestion path for real: the Defender simulator on a loopback port, worker processes, the API in
/// process, and tenants each with a tenant admin and one simulated Defender source.
/// </summary>
public sealed class IngestionRunEnvironment : IAsyncDisposable
{
    private readonly List<HostProcess> workers = [];
    private readonly Dictionary<string, string?> secrets = new();

    private IngestionRunEnvironment(TestDatabase database, SimulatorServer simulator, ApiHostFactory api)
    {
        Database = database;
        Simulator = simulator;
        Api = api;
    }

    public TestDatabase Database { get; }

    public SimulatorServer Simulator { get; }

    public ApiHostFactory Api { get; }

    public IReadOnlyList<HostProcess> Workers => workers;

    public static async Task<IngestionRunEnvironment> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> simulatorSettings,
        IReadOnlyDictionary<string, string?>? apiSettings = null)
    {
        var simulator = await SimulatorServer.StartAsync(simulatorSettings);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = database.AppConnectionString(),
            ["Authentication:DevSignInEnabled"] = "true",
        };
        foreach (var (key, value) in apiSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var api = new ApiHostFactory(settings);
        // Hangfire's storage draws from the process's one data source (docs/connections.md).
        api.Services.GetRequiredService<JobStorage>().Should().BeOfType<PatchHound.Jobs.Platform.PromptLockJobStorage>();
        api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().ConnectionString.Should().Contain(database.Name, "the API enqueues into this test's database");
        return new IngestionRunEnvironment(database, simulator, api);
    }

    /// <summary>
    /// A tenant with an admin (signed in on the returned client) and a simulated Defender source, signing in to the
    /// Defender tenant <paramref name="defenderTenantId"/> (default: the tenant's own id).
    /// </summary>
    public async Task<IngestionTenant> AddTenantAsync(string slug, int pageSize, int retryCount = 3, string? defenderTenantId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = new Tenant(slug, slug, TenantEdition.Enterprise, now);
        tenant.ChangeSettings(new TenantSettings(retryCount, TenantSettings.DefaultTimeZone));
        var admin = new User($"admin@{slug}.test", $"Admin of {slug}", now);
        await using (var db = Database.AppContext())
        {
            db.Tenants.Add(tenant);
            db.Users.Add(admin);
            await db.SaveChangesAsync();
        }

        var source = new SourceConfiguration(tenant.Id, SourceKind.Simulator, "Defender (simulated)", "0 0 1 1 *",
            Simulator.BaseAddress.ToString(), $"local://sim-{slug}", now, pageSize);
        await using (var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            db.TenantMemberships.Add(new TenantMembership(tenant.Id, admin.Id, TenantRole.TenantAdmin));
            db.SourceConfigurations.Add(source);
            await db.SaveChangesAsync();
        }

        secrets[$"Secrets__sim-{slug}"] = JsonSerializer.Serialize(new
        {
            tenantId = defenderTenantId ?? tenant.Id.ToString(),
            clientId = "patchhound",
            clientSecret = SimulatorServer.Secret,
        });
        var client = Api.CreateClient();
        (await client.PostAsJsonAsync("/auth/dev/sign-in", new { email = admin.Email })).EnsureSuccessStatusCode();
        return new IngestionTenant(tenant.Id, slug, source.Id, client);
    }

    public async Task<HostProcess> StartWorkerAsync(string name, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = WorkerEnvironment.For(Database, new Dictionary<string, string?>
        {
            ["Jobs__InvisibilityTimeout"] = "00:00:10",
            ["Jobs__Leases__Duration"] = "00:00:03",
            ["Jobs__RetryDelaysInSeconds__0"] = "1",
            // A new source's latest slot (here 1 January) is due at the first dispatch with no active run: left on
            // its minutely schedule, the sweep would start a scheduled run between a test's manual ones.
            ["Jobs__Schedules__ingestion-dispatch"] = "0 0 1 1 *",
            // The simulator's documented limits are off in tests (SimulatorServer) and so is the client's pacing,
            // unless a test turns both on (ADR 0017).
            ["Defender__RateBudget__Enabled"] = "false",
        });
        foreach (var (key, value) in secrets.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            environment[key] = value;
        }

        var worker = await HostProcess.StartAsync(name, "PatchHound.Worker.dll", environment);
        workers.Add(worker);
        return worker;
    }

    public async Task<(int Devices, int OpenFindings, int Findings)> LiveCountsAsync(Guid tenantId)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        return (await db.Devices.CountAsync(), await db.Findings.CountAsync(f => f.Status == Core.Findings.FindingStatus.Open),
            await db.Findings.CountAsync());
    }

    public string WorkerOutput => string.Join(Environment.NewLine, workers.Select(w => $"--- {w.Name} ---{Environment.NewLine}{w.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }

        await Api.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
