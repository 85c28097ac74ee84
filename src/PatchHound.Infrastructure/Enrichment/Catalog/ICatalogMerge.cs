using Npgsql;

namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>How one feed's records are staged and then applied to the <c>vulnerabilities</c> table in SQL.</summary>
internal interface ICatalogMerge<in T>
{
    EnrichmentFeeds Feed { get; }

    /// <summary>Temporary table for the feed; it has an <c>id</c> column holding the CVE id.</summary>
    string StagingTable { get; }

    /// <summary>Column definitions after <c>ord</c>, in the order <see cref="WriteAsync"/> writes them.</summary>
    string StagingColumns { get; }

    Task WriteAsync(NpgsqlBinaryImporter importer, T record, CancellationToken cancellationToken);

    Task<FeedResult> MergeAsync(
        NpgsqlConnection connection, StagedFeed staged, FeedTally tally, DateTimeOffset now, CancellationToken cancellationToken);
}
