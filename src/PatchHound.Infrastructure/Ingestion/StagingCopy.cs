using Npgsql;
using NpgsqlTypes;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Binary COPY of a batch into temporary tables. PostgreSQL refuses COPY FROM into a table with row-level security
/// for a login that does not bypass it, so rows land in a temporary table first and reach the staging tables with
/// INSERT ... SELECT, where the tenant policy checks them.
/// </summary>
internal static class StagingCopy
{
    public const string DeviceTable = "ingest_batch_devices";
    public const string FindingTable = "ingest_batch_findings";

    public static async Task CopyDevicesAsync(
        NpgsqlConnection connection, IReadOnlyList<StagedDeviceRow> rows, CancellationToken cancellationToken)
    {
        await CreateAsync(connection, DeviceTable, """
            external_id text NOT NULL, name text NOT NULL, os_platform text NOT NULL, os_version text,
            last_seen_at timestamptz NOT NULL, tags text[] NOT NULL, rbac_group_id text, rbac_group_name text,
            aad_device_id text, is_aad_joined boolean, device_value text, onboarding_status text, last_ip_address text,
            os_architecture text
            """, cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {DeviceTable} FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.ExternalId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.OsPlatform, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(importer, row.OsVersion, cancellationToken);
                await importer.WriteAsync(row.LastSeenAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(row.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(importer, row.RbacGroupId, cancellationToken);
                await WriteTextAsync(importer, row.RbacGroupName, cancellationToken);
                await WriteTextAsync(importer, row.AadDeviceId, cancellationToken);
                await WriteBooleanAsync(importer, row.IsAadJoined, cancellationToken);
                await WriteTextAsync(importer, row.DeviceValue, cancellationToken);
                await WriteTextAsync(importer, row.OnboardingStatus, cancellationToken);
                await WriteTextAsync(importer, row.LastIpAddress, cancellationToken);
                await WriteTextAsync(importer, row.OsArchitecture, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await AnalyzeAsync(connection, DeviceTable, cancellationToken);
    }

    public static async Task CopyFindingsAsync(
        NpgsqlConnection connection, IReadOnlyList<StagedFindingRow> rows, CancellationToken cancellationToken)
    {
        await CreateAsync(connection, FindingTable, """
            device_external_id text NOT NULL, cve_id text NOT NULL, product_name text NOT NULL, product_version text,
            vendor text, severity text NOT NULL, first_seen_at timestamptz, last_seen_at timestamptz NOT NULL,
            source_cvss_score numeric(3,1), exploitability_level text, security_update_available boolean,
            recommended_security_update text, recommended_security_update_id text, recommended_security_update_url text,
            recommendation_reference text, change_status text, event_at timestamptz
            """, cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {FindingTable} FROM STDIN (FORMAT BINARY)", cancellationToken);
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
            await WriteNumericAsync(importer, row.CvssScore, cancellationToken);
            await WriteTextAsync(importer, row.ExploitabilityLevel, cancellationToken);
            await WriteBooleanAsync(importer, row.SecurityUpdateAvailable, cancellationToken);
            await WriteTextAsync(importer, row.RecommendedSecurityUpdate, cancellationToken);
            await WriteTextAsync(importer, row.RecommendedSecurityUpdateId, cancellationToken);
            await WriteTextAsync(importer, row.RecommendedSecurityUpdateUrl, cancellationToken);
            await WriteTextAsync(importer, row.RecommendationReference, cancellationToken);
            await WriteTextAsync(importer, row.ChangeStatus, cancellationToken);
            await WriteTimestampAsync(importer, row.EventAt, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public const string SoftwareTable = "ingest_batch_software";

    public static async Task CopySoftwareAsync(
        NpgsqlConnection connection, IReadOnlyList<StagedSoftwareRow> rows, CancellationToken cancellationToken)
    {
        await CreateAsync(connection, SoftwareTable, """
            device_external_id text NOT NULL, vendor text NOT NULL, name text NOT NULL, version text NOT NULL,
            first_seen_at timestamptz, last_seen_at timestamptz NOT NULL, evidence_count integer NOT NULL,
            change_status text, event_at timestamptz
            """, cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {SoftwareTable} FROM STDIN (FORMAT BINARY)", cancellationToken);
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
            await WriteTextAsync(importer, row.ChangeStatus, cancellationToken);
            await WriteTimestampAsync(importer, row.EventAt, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteTimestampAsync(NpgsqlBinaryImporter importer, DateTimeOffset? value, CancellationToken cancellationToken) =>
        value is { } timestamp ? importer.WriteAsync(timestamp, NpgsqlDbType.TimestampTz, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    // A temporary table is ours to analyze; without statistics the planner assumes it is empty.
    private static async Task AnalyzeAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"ANALYZE {table}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Dropped first: a caller may stage several batches in one transaction.
    private static async Task CreateAsync(
        NpgsqlConnection connection, string table, string columns, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"DROP TABLE IF EXISTS pg_temp.{table}; CREATE TEMP TABLE {table} ({columns}) ON COMMIT DROP", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task WriteBooleanAsync(NpgsqlBinaryImporter importer, bool? value, CancellationToken cancellationToken) =>
        value is { } flag ? importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private static Task WriteNumericAsync(NpgsqlBinaryImporter importer, decimal? value, CancellationToken cancellationToken) =>
        value is { } number ? importer.WriteAsync(number, NpgsqlDbType.Numeric, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
