using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// One page read from a source. <paramref name="NextCursor"/> is where to resume after this page has been stored
/// (null on the last page); <paramref name="PageNumber"/> counts from 1 within one enumeration (or from the
/// number the caller gave the page it resumed at);
/// <paramref name="Bytes"/> is the size of the response body.
/// </summary>
public sealed record SourcePage<T>(IReadOnlyList<T> Items, string? NextCursor, int PageNumber, long Bytes)
{
    /// <summary>Records of the page that could not be used (no device id, no software name), with their location.</summary>
    public IReadOnlyList<SkippedRecord> Skipped { get; init; } = [];
}
