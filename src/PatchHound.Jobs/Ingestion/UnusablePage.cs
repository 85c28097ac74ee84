using System.Globalization;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;

namespace PatchHound.Jobs.Ingestion;

/// <summary>Builds the error of a page with more unusable records than <see cref="IngestionOptions.MaxUnusableShare"/> allows.</summary>
public static class UnusablePage
{
    /// <summary>Throws when <paramref name="skipped"/> is more than the allowed share of the page's records.</summary>
    /// <exception cref="SourcePayloadException">Too much of the page is unusable; permanent.</exception>
    public static void Check(int pageNumber, int records, IReadOnlyList<SkippedRecord> skipped, double maxShare)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.Count == 0 || skipped.Count <= maxShare * records)
        {
            return;
        }

        var first = skipped[0];
        throw new SourcePayloadException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Defender page {pageNumber} of {first.Listing}: {skipped.Count} of {records} records are unusable, more than the {maxShare * 100:0.#}% Ingestion:MaxUnusableShare allows (first: record {first.Index}, {first.Reason}); the batch fails rather than resolve what the page should have reported."),
            pageNumber,
            first.Index);
    }
}
