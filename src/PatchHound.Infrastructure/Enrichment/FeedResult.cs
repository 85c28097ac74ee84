namespace PatchHound.Infrastructure.Enrichment;

/// <summary>
/// What one feed did to the catalog. <see cref="Received"/> counts distinct, valid CVEs of the feed and equals
/// <see cref="Inserted"/> + <see cref="Updated"/> + <see cref="Unchanged"/> + <see cref="Ignored"/>.
/// </summary>
public sealed record FeedResult(EnrichmentFeeds Feed)
{
    public int Received { get; init; }

    /// <summary>Rows refused as malformed (or rejected CVEs), plus repeated CVEs that a later row superseded.</summary>
    public int Skipped { get; init; }

    public int Inserted { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    /// <summary>EPSS only: scores of CVEs that are not in the catalog, which are not added to it.</summary>
    public int Ignored { get; init; }

    /// <summary>KEV only: catalog entries flagged as known exploited that the feed no longer lists.</summary>
    public int Cleared { get; init; }
}
