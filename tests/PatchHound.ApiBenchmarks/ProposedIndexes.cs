namespace PatchHound.ApiBenchmarks;

/// <summary>
/// Indexes to try before they go into a migration (<c>--with-proposed-indexes</c>). None pending: the date-order
/// keyset indexes this benchmark proposed are in the migration FindingsListIndexes.
/// </summary>
internal static class ProposedIndexes
{
    public const string Sql = "";
}
