namespace PatchHound.Reads.Paging;

/// <summary>
/// A keyset page with a way back: <see cref="PreviousCursor"/> (passed as <c>before</c>) reads the rows just before the
/// first one shown. Null cursors mean there is nothing more that way.
/// </summary>
internal sealed record TwoWayPage<T>(IReadOnlyList<T> Items, string? NextCursor, string? PreviousCursor);
