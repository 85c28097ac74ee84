using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Enrichment.Kev;

namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>
/// Flags the feed's CVEs as known exploited (adding unknown ones to the catalog) and clears the flag of CVEs the
/// catalog no longer lists.
/// </summary>
internal sealed class KevCatalogMerge(ILogger logger) : ICatalogMerge<KevEntry>
{
    // A CVE first seen in the KEV catalog has no CVSS score yet (Severity has no "unknown"); the NVD feed rates it.
    private const string UpsertSql = $"""
        WITH merged AS (
            INSERT INTO vulnerabilities AS v
                (id, title, description, severity, is_known_exploited, kev_date_added, kev_due_date, updated_at)
            SELECT s.id, s.title, s.description, '{nameof(Severity.None)}', true, s.date_added, s.due_date, @now
            FROM kev_stage s
            ON CONFLICT (id) DO UPDATE
                SET is_known_exploited = true,
                    kev_date_added = excluded.kev_date_added,
                    kev_due_date = excluded.kev_due_date,
                    updated_at = excluded.updated_at
                WHERE (v.is_known_exploited, v.kev_date_added, v.kev_due_date)
                    IS DISTINCT FROM (true, excluded.kev_date_added, excluded.kev_due_date)
            RETURNING v.xmax = 0 AS inserted)
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
        """;

    private const string ClearSql = """
        UPDATE vulnerabilities v
        SET is_known_exploited = false, kev_date_added = NULL, kev_due_date = NULL, updated_at = @now
        WHERE v.is_known_exploited AND NOT EXISTS (SELECT 1 FROM kev_stage s WHERE s.id = v.id)
        """;

    public EnrichmentFeeds Feed => EnrichmentFeeds.Kev;

    public string StagingTable => "kev_stage";

    public string StagingColumns => "id text NOT NULL, title text NOT NULL, description text, date_added date NOT NULL, due_date date";

    public async Task WriteAsync(NpgsqlBinaryImporter importer, KevEntry record, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(record.CveId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(record.Name, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteNullableAsync(record.ShortDescription, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(record.DateAdded, NpgsqlDbType.Date, cancellationToken);
        await importer.WriteNullableAsync(record.DueDate, NpgsqlDbType.Date, cancellationToken);
    }

    public async Task<FeedResult> MergeAsync(
        NpgsqlConnection connection, StagedFeed staged, FeedTally tally, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await SqlCommands.CountsAsync(connection, UpsertSql, cancellationToken, now);
        var (inserted, updated) = (counts[0], counts[1]);

        // Clearing trusts the feed to be the whole catalog: a truncated or partly unreadable feed (or an empty one,
        // which CISA never publishes) would otherwise clear flags that still hold.
        var cleared = 0;
        if (tally.Complete && tally.Skipped == 0 && staged.Received > 0)
        {
            cleared = await SqlCommands.ExecuteAsync(connection, ClearSql, cancellationToken, now);
        }
        else
        {
            logger.LogWarning(
                "KEV feed incomplete ({Skipped} rows skipped, {Received} CVEs read): flags of CVEs it does not list are kept",
                tally.Skipped, staged.Received);
        }

        return new FeedResult(Feed)
        {
            Received = staged.Received,
            Skipped = tally.Skipped + staged.Superseded,
            Inserted = inserted,
            Updated = updated,
            Unchanged = staged.Received - inserted - updated,
            Cleared = cleared,
        };
    }
}
