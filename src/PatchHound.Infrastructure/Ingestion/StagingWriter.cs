using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Writes one batch (a page of the source) to <c>staged_devices</c>, <c>staged_findings</c> and <c>staged_software</c>, in the caller's
/// transaction so that the rows and the run's checkpoint commit together. Writing a batch number again replaces
/// what that batch staged before (a replayed batch).
/// </summary>
public sealed class StagingWriter(PatchHoundDbContext db)
{
    private static readonly string DeleteBatchSql = StagingTables.Each(
        table => $"DELETE FROM {table} WHERE tenant_id = @tenant AND run_id = @run AND batch_number = @batch");

    private const string DeleteExportRowsSql = """
        DELETE FROM staged_findings WHERE tenant_id = @tenant AND run_id = @run;
        DELETE FROM staged_software WHERE tenant_id = @tenant AND run_id = @run
        """;

    private const string StagedElsewhereSql = $"""
        SELECT count(*), min(b.external_id) FROM {StagingCopy.DeviceTable} b
        JOIN staged_devices s ON s.tenant_id = @tenant AND s.run_id = @run AND s.external_id = b.external_id
        """;

    private const string InsertDevicesSql = $"""
        INSERT INTO staged_devices
            (tenant_id, run_id, external_id, batch_number, name, os_platform, os_version, last_seen_at, tags,
             rbac_group_id, rbac_group_name, aad_device_id, is_aad_joined, device_value, onboarding_status,
             last_ip_address, os_architecture)
        SELECT @tenant, @run, external_id, @batch, name, os_platform, os_version, last_seen_at, tags,
               rbac_group_id, rbac_group_name, aad_device_id, is_aad_joined, device_value, onboarding_status,
               last_ip_address, os_architecture
        FROM {StagingCopy.DeviceTable}
        """;

    // Duplicates (within the batch or of another batch's row) collapse onto the row staged first.
    private const string InsertFindingsSql = $"""
        INSERT INTO staged_findings
            (tenant_id, run_id, device_external_id, cve_id, product_name, batch_number, product_version, vendor,
             severity, first_seen_at, last_seen_at, source_cvss_score, exploitability_level, security_update_available,
             recommended_security_update, recommended_security_update_id, recommended_security_update_url,
             recommendation_reference)
        SELECT @tenant, @run, device_external_id, cve_id, product_name, @batch, product_version, vendor,
               severity, first_seen_at, last_seen_at, source_cvss_score, exploitability_level, security_update_available,
               recommended_security_update, recommended_security_update_id, recommended_security_update_url,
               recommendation_reference
        FROM {StagingCopy.FindingTable}
        ON CONFLICT DO NOTHING
        """;

    // One row per software version: the export repeats a version once per CVE; the latest sighting wins.
    private const string InsertSoftwareSql = $"""
        INSERT INTO staged_software
            (tenant_id, run_id, device_external_id, vendor, name, version, batch_number, first_seen_at, last_seen_at, evidence_count)
        SELECT DISTINCT ON (device_external_id, vendor, name, version)
               @tenant, @run, device_external_id, vendor, name, version, @batch, first_seen_at, last_seen_at, evidence_count
        FROM {StagingCopy.SoftwareTable}
        ORDER BY device_external_id, vendor, name, version, last_seen_at DESC
        ON CONFLICT DO NOTHING
        """;

    // A delta lists a key more than once: a device moving between RBAC groups (Fixed under the old group, New under
    // the new one, documented), a version upgrade keeping the CVE (Fixed on 1.0, New on 2.0, the same finding), and
    // overlapping pages. The latest event wins, and at the same time a New or Updated row wins over Fixed: the
    // device still has it. One rule for the rows of a batch (DISTINCT ON) and across batches (ON CONFLICT), so the
    // outcome does not depend on the order Defender pages in (ADR 0016).

    private static readonly string InsertFindingChangesSql = $"""
        INSERT INTO staged_findings AS t
            (tenant_id, run_id, device_external_id, cve_id, product_name, batch_number, product_version, vendor,
             severity, first_seen_at, last_seen_at, source_cvss_score, exploitability_level, security_update_available,
             recommended_security_update, recommended_security_update_id, recommended_security_update_url,
             recommendation_reference, change_status, event_at)
        SELECT DISTINCT ON (device_external_id, cve_id, product_name)
               @tenant, @run, device_external_id, cve_id, product_name, @batch, product_version, vendor,
               severity, first_seen_at, last_seen_at, source_cvss_score, exploitability_level, security_update_available,
               recommended_security_update, recommended_security_update_id, recommended_security_update_url,
               recommendation_reference, COALESCE(change_status, '{ChangeStatuses.Updated}'), event_at
        FROM {StagingCopy.FindingTable} b
        ORDER BY device_external_id, cve_id, product_name, {Rank("b")} DESC
        ON CONFLICT (tenant_id, run_id, device_external_id, cve_id, product_name) DO UPDATE
            SET (batch_number, product_version, vendor, severity, first_seen_at, last_seen_at, source_cvss_score,
                 exploitability_level, security_update_available, recommended_security_update,
                 recommended_security_update_id, recommended_security_update_url, recommendation_reference,
                 change_status, event_at)
              = (excluded.batch_number, excluded.product_version, excluded.vendor, excluded.severity,
                 excluded.first_seen_at, excluded.last_seen_at, excluded.source_cvss_score, excluded.exploitability_level,
                 excluded.security_update_available, excluded.recommended_security_update,
                 excluded.recommended_security_update_id, excluded.recommended_security_update_url,
                 excluded.recommendation_reference, excluded.change_status, excluded.event_at)
            WHERE {Rank("excluded")} > {Rank("t")}
        """;

    private static readonly string InsertSoftwareChangesSql = $"""
        INSERT INTO staged_software AS t
            (tenant_id, run_id, device_external_id, vendor, name, version, batch_number, first_seen_at, last_seen_at,
             evidence_count, change_status, event_at)
        SELECT DISTINCT ON (device_external_id, vendor, name, version)
               @tenant, @run, device_external_id, vendor, name, version, @batch, first_seen_at, last_seen_at,
               evidence_count, COALESCE(change_status, '{ChangeStatuses.Updated}'), event_at
        FROM {StagingCopy.SoftwareTable} b
        ORDER BY device_external_id, vendor, name, version, {Rank("b")} DESC, last_seen_at DESC
        ON CONFLICT (tenant_id, run_id, device_external_id, vendor, name, version) DO UPDATE
            SET (batch_number, first_seen_at, last_seen_at, evidence_count, change_status, event_at)
              = (excluded.batch_number, excluded.first_seen_at, excluded.last_seen_at, excluded.evidence_count,
                 excluded.change_status, excluded.event_at)
            WHERE {Rank("excluded")} > {Rank("t")}
        """;

    private static string Rank(string row) =>
        $"(COALESCE({row}.event_at, '-infinity'), COALESCE({row}.change_status, '') <> '{ChangeStatuses.Fixed}')";

    /// <summary>
    /// Stages a batch. The caller must have entered a tenant and begun a transaction on <c>db.Database</c>, and
    /// commits it (with its checkpoint) afterwards. Throws <see cref="DuplicateSourceRecordException"/> when a device
    /// is listed twice in the batch or was staged by another batch of the run, and
    /// <see cref="RepeatedSourcePageException"/> when every record of a non-empty batch was staged by earlier batches
    /// (the source served a page again); the caller then rolls back.
    /// </summary>
    public Task<StagingBatchResult> WriteAsync(
        Guid runId,
        int batchNumber,
        IReadOnlyList<StagedDeviceRow> devices,
        IReadOnlyList<StagedFindingRow> findings,
        IReadOnlyList<StagedSoftwareRow> software,
        CancellationToken cancellationToken) =>
        WriteAsync(runId, batchNumber, devices, findings, software, changes: false, cancellationToken);

    /// <summary>
    /// Stages a batch; with <paramref name="changes"/> the rows are a delta's, and a key listed again keeps its
    /// latest event instead of its first row.
    /// </summary>
    public async Task<StagingBatchResult> WriteAsync(
        Guid runId,
        int batchNumber,
        IReadOnlyList<StagedDeviceRow> devices,
        IReadOnlyList<StagedFindingRow> findings,
        IReadOnlyList<StagedSoftwareRow> software,
        bool changes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(software);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(findings);
        var tenantId = db.Tenant.RequireTenantId();
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException(
                "StagingWriter needs the caller's transaction (db.Database.BeginTransactionAsync) so that the batch and the run's checkpoint commit together.");
        }

        var text = new TextCleaning();
        var deviceRows = devices.Select(row => StagedRowNormalizer.Device(row, text)).ToList();
        var findingRows = findings.Select(row => StagedRowNormalizer.Finding(row, text)).OfType<StagedFindingRow>().ToList();
        var softwareRows = software.Select(row => StagedRowNormalizer.Software(row, text)).ToList();
        var duplicate = deviceRows.GroupBy(d => d.ExternalId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DuplicateSourceRecordException(runId, duplicate.Key);
        }

        var sql = new IngestionSql((NpgsqlConnection)db.Database.GetDbConnection(), tenantId, runId) { BatchNumber = batchNumber };
        await sql.ExecuteAsync(DeleteBatchSql, cancellationToken);
        var devicesStaged = await StageDevicesAsync(sql, runId, batchNumber, deviceRows, cancellationToken);
        await StagingCopy.CopyFindingsAsync(sql.Connection, findingRows, cancellationToken);
        var findingsStaged = await sql.ExecuteAsync(changes ? InsertFindingChangesSql : InsertFindingsSql, cancellationToken);
        await StagingCopy.CopySoftwareAsync(sql.Connection, softwareRows, cancellationToken);
        var softwareStaged = await sql.ExecuteAsync(changes ? InsertSoftwareChangesSql : InsertSoftwareSql, cancellationToken);
        if (!changes && deviceRows.Count == 0 && findingRows.Count + softwareRows.Count > 0 && findingsStaged + softwareStaged == 0)
        {
            throw new RepeatedSourcePageException(runId, batchNumber, software.Count + findingRows.Count, "export rows");
        }
        return new StagingBatchResult(
            devicesStaged, findingsStaged, findings.Count - findingRows.Count, findingRows.Count - findingsStaged, text.ValuesChanged);
    }

    /// <summary>
    /// Deletes what batch <paramref name="batchNumber"/> staged before (a replayed batch), for a batch written in
    /// chunks with <see cref="AppendAsync"/>; in the caller's transaction.
    /// </summary>
    public Task ClearBatchAsync(Guid runId, int batchNumber, CancellationToken cancellationToken) =>
        Sql(runId, batchNumber).ExecuteAsync(DeleteBatchSql, cancellationToken);

    /// <summary>
    /// Deletes every staged finding and software row of the run (its devices stay): a via-files run whose export was
    /// regenerated meanwhile reads the new snapshot's files from the first (ADR 0016).
    /// </summary>
    public Task ClearExportRowsAsync(Guid runId, CancellationToken cancellationToken) =>
        Sql(runId, 0).ExecuteAsync(DeleteExportRowsSql, cancellationToken);

    /// <summary>
    /// Adds one chunk of a full export's rows to batch <paramref name="batchNumber"/> without replacing what the batch
    /// staged so far: a via-files batch (one file) is staged a bounded chunk at a time, in the caller's transaction.
    /// Keys staged already (by this batch or another) collapse onto the first row, as in <see cref="WriteAsync(Guid, int, IReadOnlyList{StagedDeviceRow}, IReadOnlyList{StagedFindingRow}, IReadOnlyList{StagedSoftwareRow}, CancellationToken)"/>.
    /// </summary>
    public async Task<StagingBatchResult> AppendAsync(
        Guid runId,
        int batchNumber,
        IReadOnlyList<StagedFindingRow> findings,
        IReadOnlyList<StagedSoftwareRow> software,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(software);
        var sql = Sql(runId, batchNumber);
        var text = new TextCleaning();
        var findingRows = findings.Select(row => StagedRowNormalizer.Finding(row, text)).OfType<StagedFindingRow>().ToList();
        var softwareRows = software.Select(row => StagedRowNormalizer.Software(row, text)).ToList();
        await StagingCopy.CopyFindingsAsync(sql.Connection, findingRows, cancellationToken);
        var findingsStaged = await sql.ExecuteAsync(InsertFindingsSql, cancellationToken);
        await StagingCopy.CopySoftwareAsync(sql.Connection, softwareRows, cancellationToken);
        await sql.ExecuteAsync(InsertSoftwareSql, cancellationToken);
        return new StagingBatchResult(
            0, findingsStaged, findings.Count - findingRows.Count, findingRows.Count - findingsStaged, text.ValuesChanged);
    }

    private IngestionSql Sql(Guid runId, int batchNumber)
    {
        var tenantId = db.Tenant.RequireTenantId();
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException(
                "StagingWriter needs the caller's transaction (db.Database.BeginTransactionAsync) so that the batch and the run's checkpoint commit together.");
        }

        return new IngestionSql((NpgsqlConnection)db.Database.GetDbConnection(), tenantId, runId) { BatchNumber = batchNumber };
    }

    private static async Task<int> StageDevicesAsync(
        IngestionSql sql, Guid runId, int batchNumber, List<StagedDeviceRow> rows, CancellationToken cancellationToken)
    {
        await StagingCopy.CopyDevicesAsync(sql.Connection, rows, cancellationToken);
        var (stagedElsewhere, externalId) = await sql.CountAndStringAsync(StagedElsewhereSql, cancellationToken);
        if (stagedElsewhere > 0 && stagedElsewhere == rows.Count)
        {
            throw new RepeatedSourcePageException(runId, batchNumber, rows.Count, "devices");
        }

        if (externalId is not null)
        {
            throw new DuplicateSourceRecordException(runId, externalId);
        }

        try
        {
            return await sql.ExecuteAsync(InsertDevicesSql, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation
            && e.ConstraintName == StagedDeviceConfiguration.PrimaryKey)
        {
            // Another writer staged the same device of this run between the check and the insert.
            throw new DuplicateSourceRecordException(runId, externalId: null, e);
        }
    }
}
