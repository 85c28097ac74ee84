namespace PatchHound.Reads.Paging;

internal static class KeysetPage
{
    /// <summary>
    /// A page from rows fetched with <c>Take(take + 1)</c>: the extra row only says there is more, and the cursor is
    /// the position of the last row shown.
    /// </summary>
    public static Page<TDto> Of<TRow, TDto>(IReadOnlyList<TRow> rows, int take, Func<TRow, TDto> toDto, Func<TRow, KeysetPosition> positionOf)
    {
        var shown = rows.Take(take).ToList();
        var next = rows.Count > take ? Cursor.Encode(positionOf(shown[^1])) : null;
        return new Page<TDto>(shown.Select(toDto).ToList(), next);
    }
}
