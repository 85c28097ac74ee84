using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Tenancy;

/// <summary>Tenant A with two devices and tenant B with one, seeded through the application login.</summary>
public sealed class TwoTenantsFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialized.");

    public Guid TenantA { get; private set; }

    public Guid TenantB { get; private set; }

    public Guid SourceB { get; private set; }

    public Guid DeviceB { get; private set; }

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        var now = DateTimeOffset.UtcNow;
        var a = new Tenant("tenant-a", "Tenant A", TenantEdition.Standard, now);
        var b = new Tenant("tenant-b", "Tenant B", TenantEdition.Free, now);
        var suspended = new Tenant("tenant-suspended", "Suspended", TenantEdition.Free, now);
        suspended.Suspend();
        await using (var db = Database.AppContext())
        {
            db.Tenants.AddRange(a, b, suspended);
            await db.SaveChangesAsync();
        }

        TenantA = a.Id;
        TenantB = b.Id;
        await SeedDevicesAsync(TenantA, "a", 2, now);
        (SourceB, DeviceB) = await SeedDevicesAsync(TenantB, "b", 1, now);
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private async Task<(Guid Source, Guid LastDevice)> SeedDevicesAsync(Guid tenantId, string prefix, int count, DateTimeOffset now)
    {
        await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var source = new SourceConfiguration(tenantId, SourceKind.Simulator, $"source-{prefix}", "*/15 * * * *",
            "http://127.0.0.1:5090", credentialReference: null, now);
        db.SourceConfigurations.Add(source);
        var devices = Enumerable.Range(0, count)
            .Select(i => new Device(tenantId, source.Id, $"{prefix}-{i}", $"host-{prefix}-{i}", "Windows10", "22H2", now))
            .ToList();
        db.Devices.AddRange(devices);
        await db.SaveChangesAsync();
        return (source.Id, devices[^1].Id);
    }
}
