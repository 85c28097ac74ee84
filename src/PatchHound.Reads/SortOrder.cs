namespace PatchHound.Reads;

/// <summary>A list's order: the key it is sorted by and the direction; ties are always broken by id in the same direction.</summary>
internal readonly record struct SortOrder<TKey>(TKey Key, bool Descending)
    where TKey : struct, Enum
{
    public override string ToString() => (Descending ? "-" : string.Empty) + Key;
}
