namespace PatchHound.Reads.Paging;

/// <summary>
/// Previous pages of a keyset list without a second query shape: the page before a row is the page after it in the
/// reversed order (key and id tie-breaker both flipped), turned round. A cursor carries its sort, so a
/// <c>before</c> cursor is simply a cursor of the reversed sort, checked by the list's own keyset code.
/// </summary>
internal static class TwoWayPaging
{
    public static async Task<TwoWayPage<T>> ReadAsync<T, TKey, TCursor>(
        SortOrder<TKey> sort,
        TCursor? after,
        TCursor? before,
        Func<SortOrder<TKey>, TCursor?, Task<Page<T>>> read,
        Func<T, SortOrder<TKey>, TCursor> cursorAt)
        where TKey : struct, Enum
        where TCursor : class
    {
        var reversed = sort with { Descending = !sort.Descending };
        if (before is null)
        {
            var page = await read(sort, after);
            var previous = after is not null && page.Items.Count > 0 ? Cursor.Encode(cursorAt(page.Items[0], reversed)) : null;
            return new TwoWayPage<T>(page.Items, page.NextCursor, previous);
        }

        var back = await read(reversed, before);
        var items = back.Items.Reverse().ToList();
        var next = items.Count > 0 ? Cursor.Encode(cursorAt(items[^1], sort)) : null;
        var earlier = back.NextCursor is not null ? Cursor.Encode(cursorAt(items[0], reversed)) : null;
        return new TwoWayPage<T>(items, next, earlier);
    }
}
