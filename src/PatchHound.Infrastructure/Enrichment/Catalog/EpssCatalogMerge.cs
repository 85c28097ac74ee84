using Npgsql;
using NpgsqlTypes;
using PatchHound.Infrastructure.Enrichment.Epss;

namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>
/// Sets EPSS score and percentile of CVEs already in the catalog. The feed scores every published CVE (about
/// 300,000); adding a row for each would fill the catalog with CVEs no tenant has, so unknown ones are ignored.
/// </summary>
internal sealed class EpssCatalogMerge : ICatalogMerge<EpssScore>
{
    private const string UpdateSql = """
        WITH changed AS (
            UPDATE vulnerabilities v
            SET epss_score = s.score, epss_percentile = s.percentile, updated_at = @now
            FROM epss_stage s
            WHERE v.id = s.id AND (v.epss_score, v.epss_percentile) IS DISTINCT FROM (s.score, s.percentile)
            RETURNING 1)
        SELECT (SELECT count(*) FROM changed),
               (SELECT count(*) FROM epss_stage s JOIN vulnerabilities v ON v.id = s.id)
        """;

    public EnrichmentFeeds Feed => EnrichmentFeeds.Epss;

    public string StagingTable => "epss_stage";

    // Same precision as the catalog columns; values arrive already rounded as the domain rounds them.
    public string StagingColumns => "id text NOT NULL, score numeric(6,5) NOT NULL, percentile numeric(6,5) NOT NULL";

    public async Task WriteAsync(NpgsqlBinaryImporter importer, EpssScore record, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(record.CveId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(record.Score, NpgsqlDbType.Numeric, cancellationToken);
        await importer.WriteAsync(record.Percentile, NpgsqlDbType.Numeric, cancellationToken);
    }

    public async Task<FeedResult> MergeAsync(
        NpgsqlConnection connection, StagedFeed staged, FeedTally tally, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await SqlCommands.CountsAsync(connection, UpdateSql, cancellationToken, now);
        var (updated, known) = (counts[0], counts[1]);
        return new FeedResult(Feed)
        {
            Received = staged.Received,
            Skipped = tally.Skipped + staged.Superseded,
            Updated = updated,
            Unchanged = known - updated,
            Ignored = staged.Received - known,
        };
    }
}
