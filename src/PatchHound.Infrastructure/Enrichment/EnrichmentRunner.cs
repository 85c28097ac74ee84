using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Enrichment.Catalog;
using PatchHound.Infrastructure.Enrichment.Epss;
using PatchHound.Infrastructure.Enrichment.Kev;
using PatchHound.Infrastructure.Enrichment.Nvd;

namespace PatchHound.Infrastructure.Enrichment;

/// <summary>
/// Applies the requested feeds to the vulnerability catalog, each on its own: a feed that fails leaves the catalog
/// as it was and does not stop the others. Every feed is idempotent, so a repeated or concurrent run is harmless.
/// </summary>
public sealed class EnrichmentRunner(
    KevFeedClient kev,
    EpssFeedClient epss,
    NvdCveClient nvd,
    VulnerabilityCatalogUpdater catalog,
    IOptions<EnrichmentOptions> options,
    TimeProvider time,
    ILogger<EnrichmentRunner> logger)
{
    // KEV and NVD may add CVEs to the catalog; EPSS only scores CVEs already there, so it runs last.
    private static readonly EnrichmentFeeds[] Order = [EnrichmentFeeds.Kev, EnrichmentFeeds.Nvd, EnrichmentFeeds.Epss];

    /// <summary>The results of the feeds applied.</summary>
    /// <exception cref="EnrichmentFailedException">A feed failed; the others were applied.</exception>
    public async Task<EnrichmentResult> RunAsync(EnrichmentFeeds feeds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(feeds & ~EnrichmentFeeds.All, EnrichmentFeeds.None, nameof(feeds));
        var results = new List<FeedResult>();
        var failures = new Dictionary<EnrichmentFeeds, Exception>();
        foreach (var feed in Order.Where(f => feeds.HasFlag(f)))
        {
            try
            {
                var result = await ApplyAsync(feed, cancellationToken);
                logger.LogInformation(
                    "{Feed}: {Received} CVEs, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, " +
                    "{Ignored} not in the catalog, {Cleared} cleared, {Skipped} skipped",
                    feed, result.Received, result.Inserted, result.Updated, result.Unchanged, result.Ignored,
                    result.Cleared, result.Skipped);
                results.Add(result);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Feed} failed; the catalog keeps what it had from earlier runs of it", feed);
                failures[feed] = e;
            }
        }

        var outcome = new EnrichmentResult(results);
        return failures.Count == 0 ? outcome : throw new EnrichmentFailedException(outcome, failures);
    }

    private Task<FeedResult> ApplyAsync(EnrichmentFeeds feed, CancellationToken cancellationToken)
    {
        var tally = new FeedTally();
        return feed switch
        {
            EnrichmentFeeds.Kev => catalog.ApplyKevAsync(kev.ReadAsync(tally, cancellationToken), tally, cancellationToken),
            EnrichmentFeeds.Epss => catalog.ApplyEpssAsync(epss.ReadAsync(tally, cancellationToken), tally, cancellationToken),
            _ => catalog.ApplyNvdAsync(ReadNvdWindow(tally, cancellationToken), tally, cancellationToken),
        };
    }

    private IAsyncEnumerable<NvdCveRecord> ReadNvdWindow(FeedTally tally, CancellationToken cancellationToken)
    {
        if (options.Value.NvdFeedUrl is { Length: > 0 } document)
        {
            return nvd.ReadDocumentAsync(document, tally, cancellationToken);
        }

        var to = time.GetUtcNow();
        return nvd.ReadModifiedAsync(to.AddDays(-options.Value.NvdLookbackDays), to, tally, cancellationToken);
    }
}
