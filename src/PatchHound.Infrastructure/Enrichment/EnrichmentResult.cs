namespace PatchHound.Infrastructure.Enrichment;

/// <summary>One result per feed that was applied, in the order they ran.</summary>
public sealed record EnrichmentResult(IReadOnlyList<FeedResult> Feeds)
{
    public FeedResult? For(EnrichmentFeeds feed) => Feeds.FirstOrDefault(f => f.Feed == feed);
}
