using PatchHound.Core.Identity;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>A fresh tenant with a user, a source and devices, seeded through the application login.</summary>
internal sealed class SweepTenant
{
    private static int nextCveNumber = 10_000;

    private SweepTenant(TestDatabase database, Guid tenantId, Guid userId, Guid sourceId, IReadOnlyList<Guid> deviceIds)
    {
        Database = database;
        TenantId = tenantId;
        UserId = userId;
        SourceId = sourceId;
        DeviceIds = deviceIds;
    }

    public TestDatabase Database { get; }

    public Guid TenantId { get; }

    public Guid UserId { get; }

    public Guid SourceId { get; }

    public IReadOnlyList<Guid> DeviceIds { get; }

    public static async Task<SweepTenant> CreateAsync(TestDatabase database, DateTimeOffset now, int devices = 2)
    {
        var slug = $"t-{Guid.NewGuid():N}"[..20];
        var tenant = new Tenant(slug, slug, TenantEdition.Standard, now);
        var user = new User($"{slug}@example.test", $"User of {slug}", now);
        await using (var db = database.AppContext())
        {
            db.Tenants.Add(tenant);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        await using (var db = database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            // Disabled: dispatch tests add the sources they schedule.
            var source = new SourceConfiguration(
                tenant.Id, SourceKind.Simulator, "seed source", "0 * * * *", "http://127.0.0.1:5090", credentialReference: null, now);
            source.Disable(now);
            db.SourceConfigurations.Add(source);
            var deviceRows = Enumerable.Range(0, devices)
                .Select(i => new Device(tenant.Id, source.Id, $"{slug}-{i}", $"host-{i}", "Windows10", "22H2", now))
                .ToList();
            db.Devices.AddRange(deviceRows);
            await db.SaveChangesAsync();
            return new SweepTenant(database, tenant.Id, user.Id, source.Id, [.. deviceRows.Select(d => d.Id)]);
        }
    }

    /// <summary>A catalog entry with an id no other test uses.</summary>
    public static async Task<string> NewVulnerabilityAsync(TestDatabase database, DateTimeOffset now, Severity severity = Severity.High)
    {
        var id = $"CVE-2025-{Interlocked.Increment(ref nextCveNumber)}";
        await using var db = database.AppContext();
        db.Vulnerabilities.Add(new Vulnerability(id, $"Vulnerability {id}", severity, now));
        await db.SaveChangesAsync();
        return id;
    }

    public PatchHoundDbContext Context() => Database.AppContext(TestDatabaseContexts.ForTenant(TenantId));

    public async Task<Guid> NewUserAsync(DateTimeOffset now)
    {
        var user = new User($"{Guid.NewGuid():N}@example.test", "Another user", now);
        await using var db = Database.AppContext();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task AddAsync(params object[] entities)
    {
        await using var db = Context();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<PatchHoundDbContext, Task<T>> query)
    {
        await using var db = Context();
        return await query(db);
    }
}
