using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;
using PatchHound.Core.Vulnerabilities;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>
/// Tenants A and B of <see cref="ApiFixture"/>, each with one resource of every kind the API serves: inventory rows
/// written directly, remediation work created through the API itself (so each tenant's ids are real and its own).
/// </summary>
public sealed class IsolationWorld : ApiFixture
{
    /// <summary>A CVE both tenants have; <see cref="OnlyBCve"/> is found in tenant B alone.</summary>
    public const string SharedCve = "CVE-2026-1001";
    public const string OnlyBCve = "CVE-2026-1002";

    private readonly Dictionary<string, HttpClient> clients = [];

    public WorldTenant A { get; private set; } = null!;

    public WorldTenant B { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = Database.AppContext())
        {
            db.Vulnerabilities.AddRange(
                new Vulnerability(SharedCve, "Seen by both tenants", Severity.Critical, now),
                new Vulnerability(OnlyBCve, "Seen by tenant B alone", Severity.High, now));
            await db.SaveChangesAsync();
        }

        A = await SeedAsync(TenantA, SharedCve, now);
        B = await SeedAsync(TenantB, OnlyBCve, now);
    }

    /// <summary>One signed-in client per user, reused across the matrix's cases.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        if (!clients.TryGetValue(email, out var client))
        {
            client = await ClientAsync(email);
            clients[email] = client;
        }

        return client;
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    private async Task<WorldTenant> SeedAsync(ApiTenant tenant, string cve, DateTimeOffset now)
    {
        var world = new WorldTenant(tenant);
        await SeedInventoryAsync(world, cve, now);
        await using (var db = Database.AppContext())
        {
            world.Resources["analystUser"] = (await db.Users.SingleAsync(u => u.Email == tenant.AnalystEmail)).Id.ToString();
        }

        await new WorldWork(world, await SignedInAsync(tenant.AdminEmail), await SignedInAsync(tenant.AnalystEmail)).SeedAsync(now);
        return world;
    }

    private async Task SeedInventoryAsync(WorldTenant world, string cve, DateTimeOffset now)
    {
        var tenant = world.Tenant.Id;
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var source = new SourceConfiguration(tenant, SourceKind.Simulator, "source", "0 0 1 1 *", "http://127.0.0.1:9", null, now);
        var run = IngestionRun.Manual(tenant, source.Id, now);
        var device = new Device(tenant, source.Id, $"{world.Slug}-device", "host", "Windows11", "24H2", now);
        var finding = new Finding(tenant, device.Id, cve, source.Id, "Edge", "1.0", now, now.AddDays(7));
        db.SourceConfigurations.Add(source);
        db.IngestionRuns.Add(run);
        db.Devices.Add(device);
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        world.Resources["source"] = source.Id.ToString();
        world.Resources["run"] = run.Id.ToString();
        world.Resources["device"] = device.Id.ToString();
        world.Resources["finding"] = finding.Id.ToString();
        world.Resources["cve"] = cve;
    }
}
