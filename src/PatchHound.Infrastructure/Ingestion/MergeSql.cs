using System.Globalization;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>The set-based statements of <see cref="IngestionMerge"/>, in the order it runs them.</summary>
internal static class MergeSql
{
    public const string SeenTable = "ingest_merge_seen";

    // One merge per tenant and source at a time: a second worker merging the same run waits, then finds no staging.
    public const string LockSql =
        "SELECT pg_advisory_xact_lock(hashtextextended('ingestion-merge:' || @tenant::text || ':' || @source::text, 0))";

    // Staging tables are filled moments before the merge, so their statistics say "empty" and the planner picks
    // nested loops over 50,000 rows (seconds per batch-sized run, minutes for a large tenant). The application role
    // may not ANALYZE tables it does not own; hash joins are right for these bulk statements anyway. Switched back
    // on once the staged findings sit in an analyzed temporary table, and off again for the risk scores: on a
    // tenant's first run its devices and findings have no statistics yet either, and a nested loop re-ran the
    // per-device sums once per device (over 30 s for 1,000 devices: the command timed out).
    public const string BulkPlanSql = "SET LOCAL enable_nestloop = off";

    public const string SelectivePlanSql = "SET LOCAL enable_nestloop = on";

    // The foreign-key checks of the inserts below run as plans PostgreSQL caches per connection, and Npgsql resets a
    // pooled connection that holds prepared statements without DISCARD ALL, so those plans outlive the job that made
    // them. A small tenant's run analyzed by autovacuum (devices: 1 page, 20 rows) left a check planned as a seq scan
    // on every connection that merged next; a large first run then scanned all its devices once per inserted finding
    // (quadratic: a 10k-device merge took 41 s instead of 6, docs/benchmarks.md). Dropping the cached plans first
    // makes every check plan for the tables as they are now, after this run's devices are in; prepared statements
    // stay, they are only replanned.
    public const string ReplanSql = "DISCARD PLANS";

    // Devices, findings seen (every staged finding but a delta's Fixed ones), software, a delta's Fixed findings.
    public const string StagedCountsSql = $"""
        SELECT (SELECT count(*) FROM staged_devices WHERE tenant_id = @tenant AND run_id = @run),
               (SELECT count(*) FROM staged_findings s WHERE tenant_id = @tenant AND run_id = @run AND {NotFixed}),
               (SELECT count(*) FROM staged_software WHERE tenant_id = @tenant AND run_id = @run),
               (SELECT count(*) FROM staged_findings s WHERE tenant_id = @tenant AND run_id = @run AND NOT ({NotFixed}))
        """;

    // PostgreSQL 15 has no uuidv7(): a random v4 with the first 48 bits replaced by Unix milliseconds and the version
    // nibble set to 7, so new ids stay time-ordered like Ids.New().
    private const string NewId = """
        encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
            substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
            52, 1), 53, 1), 'hex')::uuid
        """;

    // Staged rows a delta reported Fixed only resolve (and remove software); every other row is seen. Full runs stage
    // no status, so for them every row is seen.
    private const string NotFixed = $"s.change_status IS DISTINCT FROM '{ChangeStatuses.Fixed}'";

    private const string Open = nameof(FindingStatus.Open);
    private const string Resolved = nameof(FindingStatus.Resolved);
    private const string RiskAccepted = nameof(FindingStatus.RiskAccepted);

    private const string DeviceSourceColumns =
        "rbac_group_id, rbac_group_name, aad_device_id, is_aad_joined, device_value, onboarding_status, last_ip_address, os_architecture";

    // Re-reporting a device refreshes what the source owns (name, OS, tags, group, addresses); criticality and risk
    // score are ours.
    public const string UpsertDevicesSql = $"""
        WITH upserted AS (
            INSERT INTO devices AS d (id, tenant_id, source_id, external_id, name, os_platform, os_version,
                                      criticality, tags, risk_score, first_seen_at, last_seen_at, {DeviceSourceColumns})
            SELECT {NewId}, s.tenant_id, @source, s.external_id, s.name, s.os_platform, s.os_version,
                   '{nameof(DeviceCriticality.Medium)}', s.tags, 0, s.last_seen_at, s.last_seen_at,
                   s.rbac_group_id, s.rbac_group_name, s.aad_device_id, s.is_aad_joined, s.device_value,
                   s.onboarding_status, s.last_ip_address, s.os_architecture
            FROM staged_devices s
            WHERE s.tenant_id = @tenant AND s.run_id = @run
            ON CONFLICT (tenant_id, source_id, external_id) DO UPDATE
                SET name = excluded.name, os_platform = excluded.os_platform, os_version = excluded.os_version,
                    tags = excluded.tags, last_seen_at = GREATEST(d.last_seen_at, excluded.last_seen_at),
                    ({DeviceSourceColumns}) = (excluded.rbac_group_id, excluded.rbac_group_name,
                        excluded.aad_device_id, excluded.is_aad_joined, excluded.device_value,
                        excluded.onboarding_status, excluded.last_ip_address, excluded.os_architecture)
            RETURNING d.xmax = 0 AS inserted)
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
        """;

    // Unknown CVEs enter the global catalog unrated: a tenant's source must not rate a CVE for every tenant (ADR
    // 0010). Only the enrichment feeds (NVD, KEV, EPSS) fill the catalog; until then a finding is rated by its own
    // source's severity (EffectiveSeveritySql).
    public const string AddVulnerabilitiesSql = $"""
        WITH added AS (
            INSERT INTO vulnerabilities (id, title, severity, is_known_exploited, updated_at)
            SELECT DISTINCT s.cve_id, s.cve_id, '{nameof(Severity.None)}', false, @now
            FROM staged_findings s
            WHERE s.tenant_id = @tenant AND s.run_id = @run AND {NotFixed}
            ON CONFLICT (id) DO NOTHING
            RETURNING 1)
        SELECT count(*) FROM added
        """;

    // The source's signals of a finding (ADR 0010), in the seen table and on findings alike.
    private const string FindingSourceColumnNames =
        "source_severity, source_cvss_score, exploitability_level, security_update_available, recommended_security_update, " +
        "recommended_security_update_id, recommended_security_update_url, recommendation_reference";

    private const string FindingSourceColumns = """
        source_severity text, source_cvss_score numeric(3,1), exploitability_level text,
        security_update_available boolean, recommended_security_update text, recommended_security_update_id text,
        recommended_security_update_url text, recommendation_reference text
        """;

    private const string FindingSourceValues =
        "f.source_severity, f.source_cvss_score, f.exploitability_level, f.security_update_available, " +
        "f.recommended_security_update, f.recommended_security_update_id, f.recommended_security_update_url, " +
        "f.recommendation_reference";

    private const string SeenSourceValues =
        "m.source_severity, m.source_cvss_score, m.exploitability_level, m.security_update_available, " +
        "m.recommended_security_update, m.recommended_security_update_id, m.recommended_security_update_url, " +
        "m.recommendation_reference";

    public const string CreateSeenSql = $"""
        DROP TABLE IF EXISTS pg_temp.{SeenTable};
        CREATE TEMP TABLE {SeenTable} (
            device_id uuid NOT NULL, vulnerability_id text NOT NULL, product_name text NOT NULL,
            product_version text, first_seen_at timestamptz, last_seen_at timestamptz NOT NULL,
            finding_id uuid, status text, {FindingSourceColumns} ) ON COMMIT DROP
        """;

    // Staged findings matched to the source's devices and to the live finding they are (if any).
    public const string FillSeenSql = $"""
        INSERT INTO {SeenTable}
        SELECT d.id, s.cve_id, s.product_name, s.product_version, s.first_seen_at, s.last_seen_at, f.id, f.status,
               NULLIF(s.severity, '{nameof(Severity.None)}'), s.source_cvss_score, s.exploitability_level,
               s.security_update_available, s.recommended_security_update, s.recommended_security_update_id,
               s.recommended_security_update_url, s.recommendation_reference
        FROM staged_findings s
        JOIN devices d ON d.tenant_id = s.tenant_id AND d.source_id = @source AND d.external_id = s.device_external_id
        LEFT JOIN findings f ON f.tenant_id = s.tenant_id AND f.device_id = d.id
            AND f.vulnerability_id = s.cve_id AND f.product_name = s.product_name
        WHERE s.tenant_id = @tenant AND s.run_id = @run AND {NotFixed}
        """;

    public const string IndexSeenSql = $"CREATE INDEX ON {SeenTable} (finding_id); ANALYZE {SeenTable}";

    // A comeback gets a fresh deadline counted from the reopen time, as Finding.Reopen is given.
    public static readonly string ReopenSql = $"""
        WITH {SlaSql.PolicyCte}
        UPDATE findings f
        SET status = '{Open}', resolved_at = NULL, reopen_count = f.reopen_count + 1,
            last_seen_at = GREATEST(f.last_seen_at, m.last_seen_at),
            product_version = COALESCE(m.product_version, f.product_version),
            ({FindingSourceColumnNames}) = ({SeenSourceValues}),
            sla_due_at = {SlaSql.DueAt(SlaSql.DaysFor(EffectiveSeveritySql.Of(sourceSeverity: "m.source_severity")), "@now", "v.is_known_exploited", "v.kev_due_date")}
        FROM {SeenTable} m, vulnerabilities v, policy
        WHERE f.tenant_id = @tenant AND f.id = m.finding_id AND f.status = '{Resolved}' AND v.id = f.vulnerability_id
        """;

    public const string ObserveSql = $"""
        UPDATE findings f
        SET last_seen_at = GREATEST(f.last_seen_at, m.last_seen_at),
            product_version = COALESCE(m.product_version, f.product_version),
            ({FindingSourceColumnNames}) = ({SeenSourceValues})
        FROM {SeenTable} m
        WHERE f.tenant_id = @tenant AND f.id = m.finding_id AND f.status IN ('{Open}', '{RiskAccepted}')
          AND (f.last_seen_at < m.last_seen_at OR f.product_version IS DISTINCT FROM COALESCE(m.product_version, f.product_version)
               OR ({FindingSourceValues}) IS DISTINCT FROM ({SeenSourceValues}))
        """;

    // Before new findings are inserted: those are not in the seen table by id yet.
    public const string ResolveSql = $"""
        UPDATE findings f
        SET status = '{Resolved}', resolved_at = @now
        WHERE f.tenant_id = @tenant AND f.source_id = @source AND f.status = '{Open}'
          AND NOT EXISTS (SELECT 1 FROM {SeenTable} m WHERE m.finding_id = f.id)
        """;

    // A delta resolves only what it reports Fixed, never by absence (ADR 0016).
    public const string ResolveFixedSql = $"""
        UPDATE findings f
        SET status = '{Resolved}', resolved_at = @now
        FROM staged_findings s
        JOIN devices d ON d.tenant_id = s.tenant_id AND d.source_id = @source AND d.external_id = s.device_external_id
        WHERE s.tenant_id = @tenant AND s.run_id = @run AND s.change_status = '{ChangeStatuses.Fixed}'
          AND f.tenant_id = @tenant AND f.source_id = @source AND f.device_id = d.id AND f.vulnerability_id = s.cve_id
          AND f.product_name = s.product_name AND f.status = '{Open}'
        """;

    public static readonly string InsertFindingsSql = $"""
        WITH {SlaSql.PolicyCte}, added AS (
            INSERT INTO findings (id, tenant_id, device_id, vulnerability_id, source_id, product_name, product_version,
                                  first_seen_at, last_seen_at, status, reopen_count, sla_due_at, {SeverityRankTriggers.Column},
                                  {FindingSourceColumnNames})
            SELECT {NewId}, @tenant, m.device_id, m.vulnerability_id, @source, m.product_name, m.product_version,
                   t.first_seen, GREATEST(t.first_seen, m.last_seen_at), '{Open}', 0,
                   {SlaSql.DueAt(SlaSql.DaysFor(EffectiveSeveritySql.Of(sourceSeverity: "m.source_severity")), "t.first_seen", "v.is_known_exploited", "v.kev_due_date")},
                   {SeverityRankTriggers.RankOf("v.severity", "m.source_severity")},
                   {SeenSourceValues}
            FROM {SeenTable} m
            JOIN vulnerabilities v ON v.id = m.vulnerability_id
            CROSS JOIN policy
            CROSS JOIN LATERAL (SELECT COALESCE(m.first_seen_at, @now) AS first_seen) t
            WHERE m.finding_id IS NULL
            ON CONFLICT (tenant_id, device_id, vulnerability_id, product_name) DO NOTHING
            RETURNING 1)
        SELECT count(*) FROM added
        """;

    /// <summary>
    /// Risk score of each device of the source (README "Risk score"): the sum over its open findings of the effective
    /// severity's weight (Critical 10, High 5, Medium 2, Low 1, None 0) times the exploit factor — 2 for a
    /// KEV-listed CVE or <see cref="ExploitabilityLevel.ExploitIsInKit"/>, 1.5 for ExploitIsVerified, 1.25 for
    /// ExploitIsPublic, 1 otherwise (the largest that applies) — capped at <see cref="Device.MaxRiskScore"/>.
    /// Risk-accepted findings do not count.
    /// </summary>
    public static readonly string RiskScoreSql = $"""
        UPDATE devices d
        SET risk_score = x.score
        FROM (
            SELECT d2.id, round(LEAST({Device.MaxRiskScore.ToString(CultureInfo.InvariantCulture)}, COALESCE(sum(
                CASE {EffectiveSeveritySql.Of()} WHEN '{nameof(Severity.Critical)}' THEN 10 WHEN '{nameof(Severity.High)}' THEN 5
                    WHEN '{nameof(Severity.Medium)}' THEN 2 WHEN '{nameof(Severity.Low)}' THEN 1 ELSE 0 END
                * CASE WHEN v.is_known_exploited OR f.exploitability_level = '{nameof(ExploitabilityLevel.ExploitIsInKit)}' THEN 2
                       WHEN f.exploitability_level = '{nameof(ExploitabilityLevel.ExploitIsVerified)}' THEN 1.5
                       WHEN f.exploitability_level = '{nameof(ExploitabilityLevel.ExploitIsPublic)}' THEN 1.25
                       ELSE 1 END), 0)), 2) AS score
            FROM devices d2
            LEFT JOIN findings f ON f.tenant_id = d2.tenant_id AND f.device_id = d2.id AND f.status = '{Open}'
            LEFT JOIN vulnerabilities v ON v.id = f.vulnerability_id
            WHERE d2.tenant_id = @tenant AND d2.source_id = @source
            GROUP BY d2.id) x
        WHERE d.tenant_id = @tenant AND d.id = x.id AND d.risk_score IS DISTINCT FROM x.score
        """;

    // The export lists every installed product per device: what a device reported is its software now. Software of a
    // device the run reported no software for is kept (the export may simply not cover it, e.g. not onboarded to TVM).
    public const string UpsertSoftwareSql = $"""
        INSERT INTO installed_software AS i (id, tenant_id, device_id, source_id, vendor, name, version,
                                             first_seen_at, last_seen_at, evidence_count)
        SELECT {NewId}, s.tenant_id, d.id, @source, s.vendor, s.name, s.version,
               COALESCE(s.first_seen_at, s.last_seen_at), s.last_seen_at, s.evidence_count
        FROM staged_software s
        JOIN devices d ON d.tenant_id = s.tenant_id AND d.source_id = @source AND d.external_id = s.device_external_id
        WHERE s.tenant_id = @tenant AND s.run_id = @run AND {NotFixed}
        ON CONFLICT (tenant_id, device_id, vendor, name, version) DO UPDATE
            SET first_seen_at = LEAST(i.first_seen_at, EXCLUDED.first_seen_at),
                last_seen_at = EXCLUDED.last_seen_at,
                evidence_count = EXCLUDED.evidence_count
            WHERE (i.first_seen_at, i.last_seen_at, i.evidence_count)
                IS DISTINCT FROM (LEAST(i.first_seen_at, EXCLUDED.first_seen_at), EXCLUDED.last_seen_at, EXCLUDED.evidence_count)
        """;

    public const string RemoveSoftwareSql = """
        DELETE FROM installed_software i
        USING devices d
        WHERE i.tenant_id = @tenant AND i.source_id = @source AND d.tenant_id = i.tenant_id AND d.id = i.device_id
          AND EXISTS (SELECT 1 FROM staged_software s
                      WHERE s.tenant_id = @tenant AND s.run_id = @run AND s.device_external_id = d.external_id)
          AND NOT EXISTS (SELECT 1 FROM staged_software s
                          WHERE s.tenant_id = @tenant AND s.run_id = @run AND s.device_external_id = d.external_id
                            AND s.vendor = i.vendor AND s.name = i.name AND s.version = i.version)
        """;

    // A version a delta reported Fixed is gone unless another of its CVEs is still on the device (those rows would
    // still be in a full export); after the findings are merged, so an upgrade keeping the CVE has moved it on.
    public const string RemoveFixedSoftwareSql = $"""
        DELETE FROM installed_software i
        USING staged_software s, devices d
        WHERE s.tenant_id = @tenant AND s.run_id = @run AND s.change_status = '{ChangeStatuses.Fixed}'
          AND d.tenant_id = @tenant AND d.source_id = @source AND d.external_id = s.device_external_id
          AND i.tenant_id = @tenant AND i.source_id = @source AND i.device_id = d.id
          AND i.vendor = s.vendor AND i.name = s.name AND i.version = s.version
          AND NOT EXISTS (SELECT 1 FROM findings f
                          WHERE f.tenant_id = @tenant AND f.device_id = d.id AND f.status IN ('{Open}', '{RiskAccepted}')
                            AND f.product_name = s.name AND COALESCE(f.product_version, '') = s.version)
        """;

    // A device the export reports but the machines listing of the run did not (RBAC scoping of the app, a device
    // onboarded or offboarded between the two listings): its rows merge into the device if an earlier listing
    // reported it, and are skipped otherwise (FindingsWithoutDevice); counted either way.
    public const string DevicesNotListedSql = """
        SELECT count(*) FROM (
            SELECT device_external_id FROM staged_findings WHERE tenant_id = @tenant AND run_id = @run
            UNION
            SELECT device_external_id FROM staged_software WHERE tenant_id = @tenant AND run_id = @run) x
        WHERE NOT EXISTS (SELECT 1 FROM staged_devices s
                          WHERE s.tenant_id = @tenant AND s.run_id = @run AND s.external_id = x.device_external_id)
        """;

    public static readonly string DeleteStagingSql =
        StagingTables.Each(table => $"DELETE FROM {table} WHERE tenant_id = @tenant AND run_id = @run");
}
