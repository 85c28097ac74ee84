using Npgsql;
using PatchHound.Core.Sources;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// A large, realistic-looking tenant in a few seconds: devices, a shared slice of the catalog and findings made by
/// INSERT … SELECT over generate_series on the owner connection. Values are spread deterministically (hashes of row
/// numbers): statuses about 70% open, 25% resolved, 5% accepted; severities from the CVE; first sightings on whole
/// days over half a year, so sort keys tie by the hundreds; SLA deadlines by severity (none for severity None).
/// </summary>
public static class FindingsVolume
{
    public const int CatalogSize = 2000;

    public static async Task SeedAsync(TestDatabase database, Guid tenantId, int devices, int findingsPerDevice, DateTimeOffset now)
    {
        Guid sourceId;
        await using (var db = database.AppContext(TestDatabaseContexts.ForTenant(tenantId)))
        {
            var source = new SourceConfiguration(tenantId, SourceKind.Simulator, "volume", "*/15 * * * *", "http://127.0.0.1:5090", null, now);
            db.SourceConfigurations.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }

        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("devices", devices);
        command.Parameters.AddWithValue("per_device", findingsPerDevice);
        command.Parameters.AddWithValue("catalog", CatalogSize);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync();
    }

    private const string Sql = """
        INSERT INTO vulnerabilities (id, title, severity, cvss_v3score, is_known_exploited, kev_date_added, kev_due_date,
                                     epss_score, epss_percentile, updated_at)
        SELECT 'CVE-2090-' || lpad(i::text, 5, '0'), 'Volume vulnerability ' || i, s.severity, s.cvss,
               i % 20 = 0, CASE WHEN i % 20 = 0 THEN DATE '2026-01-01' END, CASE WHEN i % 20 = 0 THEN DATE '2026-01-22' END,
               CASE WHEN i % 10 <> 0 THEN round((abs(hashint4(i)::bigint) % 100000) / 100000.0, 5) END,
               CASE WHEN i % 10 <> 0 THEN round((abs(hashint4(i + 7)::bigint) % 100000) / 100000.0, 5) END, @now
        FROM generate_series(1, @catalog) AS i
        CROSS JOIN LATERAL (SELECT (ARRAY['None', 'Low', 'Medium', 'Medium', 'High', 'High', 'High', 'Critical'])[1 + abs(hashint4(i * 31)::bigint) % 8]
                                   AS severity) AS r
        CROSS JOIN LATERAL (SELECT r.severity, CASE r.severity WHEN 'Critical' THEN 9.5 WHEN 'High' THEN 7.5
                                   WHEN 'Medium' THEN 5.0 WHEN 'Low' THEN 2.0 END AS cvss) AS s
        ON CONFLICT (id) DO NOTHING;

        INSERT INTO devices (id, tenant_id, source_id, external_id, name, os_platform, os_version, criticality, tags,
                             risk_score, first_seen_at, last_seen_at)
        SELECT gen_random_uuid(), @tenant, @source, 'volume-' || i, 'host-' || lpad(i::text, 6, '0'),
               (ARRAY['Windows11', 'Windows10', 'Ubuntu', 'macOS'])[1 + i % 4], '1',
               (ARRAY['Low', 'Medium', 'High', 'Critical'])[1 + i % 4], '{}', i % 101, @now - interval '200 days', @now
        FROM generate_series(1, @devices) AS i;

        INSERT INTO findings (id, tenant_id, device_id, vulnerability_id, source_id, product_name, product_version,
                              first_seen_at, last_seen_at, status, resolved_at, reopen_count, sla_due_at)
        SELECT gen_random_uuid(), @tenant, d.id, v.id, @source, 'product-' || k, '1.' || k, x.first_seen, @now,
               x.status, CASE WHEN x.status = 'Resolved' THEN LEAST(@now, x.first_seen + (x.h % 40) * interval '1 day') END, 0,
               x.first_seen + CASE v.severity WHEN 'Critical' THEN interval '7 days' WHEN 'High' THEN interval '30 days'
                                              WHEN 'Medium' THEN interval '90 days' WHEN 'Low' THEN interval '180 days' END
        FROM (SELECT id, row_number() OVER (ORDER BY external_id) AS n FROM devices WHERE tenant_id = @tenant) AS d
        CROSS JOIN generate_series(1, @per_device) AS k
        CROSS JOIN LATERAL (SELECT abs(hashint4((d.n * 1000 + k)::int)::bigint) AS h) AS hh
        JOIN vulnerabilities v ON v.id = 'CVE-2090-' || lpad((1 + (d.n * 37 + k * 101) % @catalog)::text, 5, '0')
        CROSS JOIN LATERAL (SELECT date_trunc('day', @now, 'UTC') - (hh.h % 180) * interval '1 day' AS first_seen,
                                   CASE WHEN hh.h % 100 < 70 THEN 'Open' WHEN hh.h % 100 < 95 THEN 'Resolved' ELSE 'RiskAccepted' END
                                   AS status, hh.h) AS x;

        ANALYZE vulnerabilities;
        ANALYZE devices;
        ANALYZE findings;
        """;
}
