using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>Tenants A and B of <see cref="ApiFixture"/>, each with one resource of every kind the API serves.</summary>
public sealed class IsolationWorld : ApiFixture
{
    private readonly Dictionary<string, HttpClient> clients = [];

    public WorldTenant A { get; private set; } = null!;

    public WorldTenant B { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await SeedAsync(TenantA);
        B = await SeedAsync(TenantB);
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

    private async Task<WorldTenant> SeedAsync(ApiTenant tenant)
    {
        var world = new WorldTenant(tenant);
        var now = DateTimeOffset.UtcNow;
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id));
        var source = new SourceConfiguration(tenant.Id, SourceKind.Simulator, "source", "0 0 1 1 *", "http://127.0.0.1:9", null, now);
        db.SourceConfigurations.Add(source);
        var run = IngestionRun.Manual(tenant.Id, source.Id, now);
        db.IngestionRuns.Add(run);
        await db.SaveChangesAsync();
        world.Resources["source"] = source.Id.ToString();
        world.Resources["run"] = run.Id.ToString();
        return world;
    }
}
