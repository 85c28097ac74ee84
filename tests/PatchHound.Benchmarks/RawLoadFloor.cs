using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PatchHound.Core.Sources;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.Benchmarks;

/// <summary>
/// The raw floor a time is compared with: the same rows (a <see cref="SourceSnapshot"/>) loaded into the live tables
/// of a fresh tenant in a fresh database, as cheaply as PostgreSQL allows — binary COPY into temporary tables, then
/// one INSERT … SELECT per live table (devices, the catalog's unknown CVEs, findings, installed software) in one transaction, on the
/// application login so row-level security applies as it does to the product. No staging, no reconciliation, no SLA.
/// </summary>
internal sealed class RawLoadFloor(TestDatabase database)
{
    private const string CreateSql = """
        CREATE TEMP TABLE floor_devices (external_id text NOT NULL, name text NOT NULL, os_platform text NOT NULL,
            os_version text, last_seen_at timestamptz NOT NULL, tags text[] NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE floor_findings (device_external_id text NOT NULL, cve_id text NOT NULL, product_name text NOT NULL,
            product_version text, vendor text, severity text NOT NULL, first_seen_at timestamptz, last_seen_at timestamptz NOT NULL)
            ON COMMIT DROP;
        CREATE TEMP TABLE floor_software (device_external_id text NOT NULL, vendor text NOT NULL, name text NOT NULL,
            version text NOT NULL, first_seen_at timestamptz, last_seen_at timestamptz NOT NULL, evidence_count int NOT NULL)
            ON COMMIT DROP
        """;

    private const string InsertSql = """
        ANALYZE floor_devices;
        ANALYZE floor_findings;
        ANALYZE floor_software;
        INSERT INTO devices (id, tenant_id, source_id, external_id, name, os_platform, os_version, criticality, tags,
                             risk_score, first_seen_at, last_seen_at)
        SELECT gen_random_uuid(), @tenant, @source, external_id, name, os_platform, os_version, 'Medium', tags, 0,
               last_seen_at, last_seen_at
        FROM floor_devices;
        INSERT INTO vulnerabilities (id, title, severity, is_known_exploited, updated_at)
        SELECT DISTINCT ON (cve_id) cve_id, cve_id, severity, false, now() FROM floor_findings ORDER BY cve_id
        ON CONFLICT (id) DO NOTHING;
        INSERT INTO findings (id, tenant_id, device_id, vulnerability_id, source_id, product_name, product_version,
                              first_seen_at, last_seen_at, status, reopen_count, severity_rank)
        SELECT gen_random_uuid(), @tenant, d.id, f.cve_id, @source, f.product_name, f.product_version,
               COALESCE(f.first_seen_at, now()), f.last_seen_at, 'Open', 0, 0
        FROM floor_findings f
        JOIN devices d ON d.tenant_id = @tenant AND d.source_id = @source AND d.external_id = f.device_external_id;
        INSERT INTO installed_software (id, tenant_id, device_id, source_id, vendor, name, version, first_seen_at,
                                        last_seen_at, evidence_count)
        SELECT DISTINCT ON (d.id, s.vendor, s.name, s.version) gen_random_uuid(), @tenant, d.id, @source, s.vendor, s.name,
               s.version, COALESCE(s.first_seen_at, s.last_seen_at), s.last_seen_at, s.evidence_count
        FROM floor_software s
        JOIN devices d ON d.tenant_id = @tenant AND d.source_id = @source AND d.external_id = s.device_external_id
        ORDER BY d.id, s.vendor, s.name, s.version, s.last_seen_at DESC
        """;

    /// <summary>Loads each snapshot into a tenant of its own, one after the other; returns the summed time.</summary>
    public async Task<TimeSpan> MeasureAsync(IReadOnlyList<SourceSnapshot> snapshots, CancellationToken cancellationToken)
    {
        // A small untimed load first, so that connection set-up and JIT are not part of the floor.
        var first = snapshots[0];
        await LoadAsync(first with { Devices = first.Devices.Take(10).ToList(), Findings = [], Software = [] }, cancellationToken);
        var total = TimeSpan.Zero;
        foreach (var snapshot in snapshots)
        {
            total += await LoadAsync(snapshot, cancellationToken);
        }

        return total;
    }

    private async Task<TimeSpan> LoadAsync(SourceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (tenantId, sourceId) = await NewTenantAsync(cancellationToken);
        // No statement time-out: on a busy machine one INSERT of 500,000 rows takes longer than Npgsql's default 30 s.
        var connectionString = new NpgsqlConnectionStringBuilder(database.AppConnectionString()) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT set_config('{RowLevelSecurity.TenantSetting}', '{tenantId}', false)", cancellationToken);

        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, CreateSql, cancellationToken);
        await CopyDevicesAsync(connection, snapshot.Devices, cancellationToken);
        await CopyFindingsAsync(connection, snapshot.Findings, cancellationToken);
        await CopySoftwareAsync(connection, snapshot.Software, cancellationToken);
        await using (var insert = new NpgsqlCommand(InsertSql, connection))
        {
            insert.Parameters.AddWithValue("tenant", tenantId);
            insert.Parameters.AddWithValue("source", sourceId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return clock.Elapsed;
    }

    private async Task<(Guid TenantId, Guid SourceId)> NewTenantAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var slug = $"floor-{Guid.NewGuid():N}"[..20];
        var tenant = new Tenant(slug, slug, TenantEdition.Enterprise, now);
        await using (var db = database.AppContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(cancellationToken);
        }

        var source = new SourceConfiguration(tenant.Id, SourceKind.Simulator, "floor", "0 0 1 1 *", "http://127.0.0.1:9", null, now);
        source.Disable(now);
        await using (var db = database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id)))
        {
            db.SourceConfigurations.Add(source);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (tenant.Id, source.Id);
    }

    private static async Task CopyDevicesAsync(NpgsqlConnection connection, IReadOnlyList<StagedDeviceRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync("COPY floor_devices FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.ExternalId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.OsPlatform, NpgsqlDbType.Text, cancellationToken);
            await WriteTextAsync(importer, row.OsVersion, cancellationToken);
            await importer.WriteAsync(row.LastSeenAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyFindingsAsync(NpgsqlConnection connection, IReadOnlyList<StagedFindingRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync("COPY floor_findings FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.DeviceExternalId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.CveId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ProductName, NpgsqlDbType.Text, cancellationToken);
            await WriteTextAsync(importer, row.ProductVersion, cancellationToken);
            await WriteTextAsync(importer, row.Vendor, cancellationToken);
            await importer.WriteAsync(row.Severity, NpgsqlDbType.Text, cancellationToken);
            await WriteTimestampAsync(importer, row.FirstSeenAt, cancellationToken);
            await importer.WriteAsync(row.LastSeenAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task CopySoftwareAsync(NpgsqlConnection connection, IReadOnlyList<StagedSoftwareRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync("COPY floor_software FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.DeviceExternalId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Vendor ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Version ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
            await WriteTimestampAsync(importer, row.FirstSeenAt, cancellationToken);
            await importer.WriteAsync(row.LastSeenAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.EvidenceCount, NpgsqlDbType.Integer, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteTimestampAsync(NpgsqlBinaryImporter importer, DateTimeOffset? value, CancellationToken cancellationToken) =>
        value is { } at ? importer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
