using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Enrichment.Json;

namespace PatchHound.Infrastructure.Enrichment.Kev;

/// <summary>Streams the CISA Known Exploited Vulnerabilities catalog (typed HttpClient).</summary>
public sealed class KevFeedClient(HttpClient http, IOptions<EnrichmentOptions> options, ILogger<KevFeedClient> logger)
{
    public const string DocumentName = "CISA KEV catalog";

    /// <summary>
    /// The catalog's entries, as they arrive. Malformed entries are skipped and counted in <paramref name="tally"/>,
    /// which is marked complete only when the whole document was read and held as many entries as its
    /// <c>count</c> says.
    /// </summary>
    public async IAsyncEnumerable<KevEntry> ReadAsync(FeedTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var feed = await FeedSource.OpenAsync(http, options.Value.KevFeedUrl, DocumentName, cancellationToken);
        var body = feed.Body;

        var reader = new JsonArrayStreamReader<KevEntryDocument>(DocumentName, "vulnerabilities", FeedJson.Options);
        var elements = 0;
        var dueDatesDropped = 0;
        await foreach (var item in reader.ReadAsync(body, cancellationToken))
        {
            elements++;
            string? problem = item.Error;
            var dueDateDropped = false;
            var entry = item.Value is null ? null : KevEntryParser.Parse(item.Value, out problem, out dueDateDropped);
            if (entry is null)
            {
                if (tally.Skip())
                {
                    logger.LogWarning("{Document}: skipped entry {Index}: {Problem}", DocumentName, item.Index, problem);
                }

                continue;
            }

            dueDatesDropped += dueDateDropped ? 1 : 0;
            yield return entry;
        }

        if (!reader.SawArray)
        {
            throw new FeedFormatException(DocumentName, "it has no \"vulnerabilities\" array.");
        }

        if (dueDatesDropped > 0)
        {
            logger.LogInformation(
                "{Document}: {Count} entries have a due date before their date added; stored without a due date",
                DocumentName, dueDatesDropped);
        }

        var declared = DeclaredCount(reader.TopLevelValues);
        if (declared is null || declared == elements)
        {
            tally.MarkComplete();
        }
        else
        {
            logger.LogWarning(
                "{Document} declares {Declared} entries but holds {Elements}", DocumentName, declared, elements);
        }
    }

    private static int? DeclaredCount(IReadOnlyDictionary<string, JsonElement> values) =>
        values.TryGetValue("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n)
            ? n
            : null;
}
