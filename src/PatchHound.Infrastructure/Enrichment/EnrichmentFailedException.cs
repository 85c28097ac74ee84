namespace PatchHound.Infrastructure.Enrichment;

/// <summary>
/// At least one feed failed (and left the catalog as it was). The other feeds were applied: <see cref="Result"/>
/// holds their outcome.
/// </summary>
public sealed class EnrichmentFailedException(EnrichmentResult result, IReadOnlyDictionary<EnrichmentFeeds, Exception> failures)
    : AggregateException($"Enrichment failed for {string.Join(", ", failures.Keys)}.", failures.Values)
{
    public EnrichmentResult Result { get; } = result;

    public IReadOnlyDictionary<EnrichmentFeeds, Exception> Failures { get; } = failures;
}
