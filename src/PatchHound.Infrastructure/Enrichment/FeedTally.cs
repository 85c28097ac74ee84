namespace PatchHound.Infrastructure.Enrichment;

/// <summary>
/// What a feed client noticed while it streamed records that the records themselves cannot say: how many rows it
/// skipped, and whether it read the whole document.
/// </summary>
public sealed class FeedTally
{
    /// <summary>Malformed rows beyond this many are counted but not logged one by one.</summary>
    public const int LoggedRowLimit = 20;

    public int Skipped { get; private set; }

    /// <summary>The document was read to its end and held as many records as it declares (where it declares it).</summary>
    public bool Complete { get; private set; }

    /// <summary>Counts a skipped row; true while such rows should still be logged individually.</summary>
    public bool Skip() => ++Skipped <= LoggedRowLimit;

    public void MarkComplete() => Complete = true;
}
