using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Enrichment.Epss;

/// <summary>Streams the day's EPSS scores line by line (typed HttpClient); the file is never held whole.</summary>
public sealed class EpssFeedClient(HttpClient http, IOptions<EnrichmentOptions> options, ILogger<EpssFeedClient> logger)
{
    public const string DocumentName = "EPSS scores file";

    /// <summary>Scores as they arrive; malformed rows are skipped and counted in <paramref name="tally"/>.</summary>
    public async IAsyncEnumerable<EpssScore> ReadAsync(FeedTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var feed = await FeedSource.OpenAsync(http, options.Value.EpssFeedUrl, DocumentName, cancellationToken);
        await using var content = await FeedContent.OpenAsync(DocumentName, feed.Body, cancellationToken);
        using var lines = new StreamReader(content.Stream, Encoding.UTF8);

        var lineNumber = 0;
        string? line;
        while ((line = await lines.ReadLineAsync(cancellationToken)) is not null && (line.Length == 0 || EpssCsv.IsComment(line)))
        {
            lineNumber++;
            if (line.Length > 0)
            {
                logger.LogInformation("{Document}: {Comment}", DocumentName, line.TrimStart('#'));
            }
        }

        lineNumber++;
        if (line is null || !EpssCsv.IsHeader(line))
        {
            throw new FeedFormatException(DocumentName, $"line {lineNumber} should be the header \"{EpssCsv.Header}\".");
        }

        while ((line = await lines.ReadLineAsync(cancellationToken)) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var score = EpssCsv.ParseRow(line, out var problem);
            if (score is null)
            {
                if (tally.Skip())
                {
                    logger.LogWarning("{Document}: skipped line {Line}: {Problem}", DocumentName, lineNumber, problem);
                }

                continue;
            }

            yield return score;
        }

        content.EnsureComplete();
        tally.MarkComplete();
    }
}
