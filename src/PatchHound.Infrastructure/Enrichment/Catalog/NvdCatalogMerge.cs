using Npgsql;
using NpgsqlTypes;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Enrichment.Nvd;

namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>
/// Describes and rates the feed's CVEs, adding unknown ones. What the NVD leaves out (a CISA name, a v3 score)
/// keeps the catalog's value rather than erasing it.
/// </summary>
internal sealed class NvdCatalogMerge : ICatalogMerge<NvdCveRecord>
{
    // Existing rows first, then new ones: an upsert could not tell a missing name from a stored one.
    private const string UpdateSql = """
        WITH merged AS (
            SELECT v.id,
                   coalesce(s.name, v.title) AS title,
                   coalesce(s.description, v.description) AS description,
                   coalesce(s.published_at, v.published_at) AS published_at,
                   CASE WHEN s.cvss_score IS NULL THEN v.cvss_v3score ELSE s.cvss_score END AS cvss_score,
                   CASE WHEN s.cvss_score IS NULL THEN v.cvss_v3vector ELSE s.cvss_vector END AS cvss_vector,
                   coalesce(s.severity, v.severity) AS severity
            FROM nvd_stage s JOIN vulnerabilities v ON v.id = s.id),
        changed AS (
            UPDATE vulnerabilities v
            SET title = m.title, description = m.description, published_at = m.published_at,
                cvss_v3score = m.cvss_score, cvss_v3vector = m.cvss_vector, severity = m.severity, updated_at = @now
            FROM merged m
            WHERE v.id = m.id
              AND (v.title, v.description, v.published_at, v.cvss_v3score, v.cvss_v3vector, v.severity)
                  IS DISTINCT FROM (m.title, m.description, m.published_at, m.cvss_score, m.cvss_vector, m.severity)
            RETURNING 1)
        SELECT count(*) FROM changed
        """;

    private const string InsertSql = $"""
        INSERT INTO vulnerabilities
            (id, title, description, severity, cvss_v3score, cvss_v3vector, published_at, is_known_exploited, updated_at)
        SELECT s.id, coalesce(s.name, s.id), s.description, coalesce(s.severity, '{nameof(Severity.None)}'),
               s.cvss_score, s.cvss_vector, s.published_at, false, @now
        FROM nvd_stage s
        ON CONFLICT (id) DO NOTHING
        """;

    public EnrichmentFeeds Feed => EnrichmentFeeds.Nvd;

    public string StagingTable => "nvd_stage";

    public string StagingColumns =>
        "id text NOT NULL, name text, description text, published_at timestamptz, " +
        "cvss_score numeric(3,1), cvss_vector text, severity text";

    public async Task WriteAsync(NpgsqlBinaryImporter importer, NvdCveRecord record, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(record.CveId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteNullableAsync(record.Name, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteNullableAsync(record.Description, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteNullableAsync(record.PublishedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteNullableAsync(record.CvssScore, NpgsqlDbType.Numeric, cancellationToken);
        await importer.WriteNullableAsync(record.CvssVector, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteNullableAsync(record.Severity?.ToString(), NpgsqlDbType.Text, cancellationToken);
    }

    public async Task<FeedResult> MergeAsync(
        NpgsqlConnection connection, StagedFeed staged, FeedTally tally, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = (await SqlCommands.CountsAsync(connection, UpdateSql, cancellationToken, now))[0];
        var inserted = await SqlCommands.ExecuteAsync(connection, InsertSql, cancellationToken, now);
        return new FeedResult(Feed)
        {
            Received = staged.Received,
            Skipped = tally.Skipped + staged.Superseded,
            Inserted = inserted,
            Updated = updated,
            Unchanged = staged.Received - inserted - updated,
        };
    }
}
