namespace PatchHound.Reads.Sources;

/// <summary>Keyset position in the source list, which is ordered by name (unique in a tenant).</summary>
internal sealed record SourceCursor(string Name);
