namespace PatchHound.Reads.Findings;

/// <summary>The findings list's order when none is asked for, shared by the REST list, its export and the page.</summary>
internal static class FindingSorts
{
    /// <summary>Most urgent deadline first.</summary>
    public static readonly SortOrder<FindingSortKey> Default = new(FindingSortKey.DueAt, Descending: false);
}
