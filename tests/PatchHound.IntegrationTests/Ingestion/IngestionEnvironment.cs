using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sla;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Enrichment;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>Two tenants on a fresh database; tenant A has a custom SLA policy, tenant B the defaults (no row).</summary>
public sealed class IngestionEnvironment : IAsyncLifetime
{
    public const int CriticalDays = 5;
    public const int HighDays = 20;
    public const int MediumDays = 60;
    public const int LowDays = 120;

    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialized.");

    public Guid TenantA { get; private set; }

    public Guid TenantB { get; private set; }

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        var now = DateTimeOffset.UtcNow;
        var a = new Tenant("ingest-a", "Ingest A", TenantEdition.Standard, now);
        var b = new Tenant("ingest-b", "Ingest B", TenantEdition.Standard, now);
        await using (var db = Database.AppContext())
        {
            db.Tenants.AddRange(a, b);
            await db.SaveChangesAsync();
        }

        (TenantA, TenantB) = (a.Id, b.Id);
        await using var tenantDb = Context(TenantA);
        var policy = new SlaPolicy(TenantA);
        policy.Change(CriticalDays, HighDays, MediumDays, LowDays);
        tenantDb.SlaPolicies.Add(policy);
        await tenantDb.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public PatchHoundDbContext Context(Guid tenantId) => Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));

    public async Task<Guid> NewSourceAsync(Guid tenantId)
    {
        await using var db = Context(tenantId);
        var source = new SourceConfiguration(tenantId, SourceKind.Simulator, $"source-{Guid.NewGuid():N}", "*/15 * * * *",
            "http://127.0.0.1:5090", credentialReference: null, DateTimeOffset.UtcNow);
        db.SourceConfigurations.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    /// <summary>One batch in its own committed transaction, as a batch job writes it.</summary>
    public async Task<StagingBatchResult> StageAsync(
        Guid tenantId,
        Guid runId,
        int batch,
        IReadOnlyList<StagedDeviceRow> devices,
        IReadOnlyList<StagedFindingRow> findings,
        IReadOnlyList<StagedSoftwareRow>? software = null)
    {
        await using var db = Context(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await new StagingWriter(db).WriteAsync(runId, batch, devices, findings, software ?? [], CancellationToken.None);
        await transaction.CommitAsync();
        return result;
    }

    public async Task<MergeResult> MergeAsync(Guid tenantId, Guid runId, Guid sourceId, DateTimeOffset now)
    {
        await using var db = Context(tenantId);
        var merge = new IngestionMerge(db, new FixedTimeProvider(now), NullLogger<IngestionMerge>.Instance);
        return await merge.MergeAsync(runId, sourceId, CancellationToken.None);
    }

    /// <summary>Stages one batch and merges it as a whole run.</summary>
    public async Task<MergeResult> RunAsync(
        Guid tenantId,
        Guid sourceId,
        DateTimeOffset now,
        IReadOnlyList<StagedDeviceRow> devices,
        IReadOnlyList<StagedFindingRow> findings,
        IReadOnlyList<StagedSoftwareRow>? software = null)
    {
        var runId = Guid.NewGuid();
        await StageAsync(tenantId, runId, 1, devices, findings, software);
        return await MergeAsync(tenantId, runId, sourceId, now);
    }

    public async Task<List<Finding>> FindingsAsync(Guid tenantId, Guid sourceId)
    {
        await using var db = Context(tenantId);
        return await db.Findings.AsNoTracking().Where(f => f.SourceId == sourceId)
            .OrderBy(f => f.VulnerabilityId).ThenBy(f => f.ProductName).ToListAsync();
    }

    public static StagedDeviceRow Device(string id, DateTimeOffset seen, params string[] tags) =>
        new(id, $"host-{id}", "Windows10", "22H2", seen, tags);

    public static StagedFindingRow Finding(
        string device, string cve, DateTimeOffset seen, string severity = "High", string product = "openssl",
        DateTimeOffset? firstSeen = null, string? version = "1.0") =>
        new(device, cve, product, version, "vendor", severity, firstSeen, seen);

    public static StagedSoftwareRow Software(
        string device, string name, string? version, DateTimeOffset seen, int evidence = 1, string? vendor = "vendor",
        DateTimeOffset? firstSeen = null) =>
        new(device, vendor, name, version, firstSeen, seen, evidence);

    public async Task<List<InstalledSoftware>> SoftwareAsync(Guid tenantId, Guid sourceId)
    {
        await using var db = Context(tenantId);
        return await db.InstalledSoftware.AsNoTracking().Where(s => s.SourceId == sourceId)
            .OrderBy(s => s.Name).ThenBy(s => s.Version).ToListAsync();
    }
}
