using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using PatchHound.Core.Identity;
using PatchHound.Core.Tenancy;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;
using PatchHound.IntegrationTests.Ingestion;
using PatchHound.IntegrationTests.Jobs;
using PatchHound.IntegrationTests.Simulator;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// End to end: a tenant admin sets a simulated Defender source's credential through the API, and a real worker process
/// signs in with it — read from the encrypted store — and ingests. The secret shows in no worker output.
/// </summary>
public sealed class StoreCredentialIngestionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_worker_ingests_with_the_credential_an_admin_put_in_the_encrypted_store()
    {
        var secret = $"Sim{Guid.NewGuid():N}Secret";
        var store = new Dictionary<string, string?>
        {
            ["SecretStore:Provider"] = "Database",
            ["SecretStore:ActiveKeyId"] = "e2e",
            ["SecretStore:Keys:e2e"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:ClientSecret"] = secret,
            ["Simulator:DefaultTenant:Devices"] = "20",
            ["Simulator:DefaultTenant:FindingsPerDevice"] = "3",
        });
        await using var api = new ApiHostFactory(new Dictionary<string, string?>(store)
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["Authentication:DevSignInEnabled"] = "true",
        });
        var (tenantId, slug, adminEmail) = await SeedTenantAsync();
        var admin = api.CreateClient();
        (await admin.PostAsJsonAsync("/auth/dev/sign-in", new { email = adminEmail })).EnsureSuccessStatusCode();
        var created = await (await admin.PostAsJsonAsync($"/api/tenants/{slug}/sources", new
        {
            kind = "Simulator",
            name = "Simulated Defender",
            cronSchedule = "0 0 1 1 *",
            baseUrl = simulator.BaseAddress.ToString(),
            pageSize = 25,
        })).ShouldBeAsync(HttpStatusCode.Created);
        var sourceId = created.GetProperty("id").GetGuid();
        await (await admin.PutAsJsonAsync($"/api/tenants/{slug}/sources/{sourceId}/credentials",
            new { tenantId = tenantId.ToString(), clientId = "patchhound", clientSecret = secret })).ShouldBeAsync(HttpStatusCode.OK);

        await using var worker = await HostProcess.StartAsync("worker-store", "PatchHound.Worker.dll", WorkerEnvironment.For(fixture.Database,
            store.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value)));
        var runs = new IngestionTenant(tenantId, slug, sourceId, admin);
        var run = await runs.WaitForFinishAsync(await runs.TriggerAcceptedAsync(), TimeSpan.FromMinutes(6));

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString() + worker.Output);
        run.GetProperty("findingsNew").GetInt32().Should().BeGreaterThan(0);
        worker.Output.Should().NotBeEmpty().And.NotContain(secret);
        (await DatabaseScan.FindAsync(fixture.Database, secret)).Should().BeEmpty();
    }

    private async Task<(Guid TenantId, string Slug, string AdminEmail)> SeedTenantAsync()
    {
        var slug = $"e2e-{Guid.NewGuid():N}"[..20];
        var tenant = new Tenant(slug, slug, TenantEdition.Enterprise, DateTimeOffset.UtcNow);
        var admin = new User($"admin@{slug}.test", "Admin", DateTimeOffset.UtcNow);
        await using (var db = fixture.Database.AppContext())
        {
            db.Tenants.Add(tenant);
            db.Users.Add(admin);
            await db.SaveChangesAsync();
        }

        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            db.TenantMemberships.Add(new TenantMembership(tenant.Id, admin.Id, TenantRole.TenantAdmin));
            await db.SaveChangesAsync();
        }

        return (tenant.Id, slug, admin.Email);
    }
}
