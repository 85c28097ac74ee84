namespace PatchHound.Reads.Operator;

/// <summary>Keyset position in the tenant list, which is ordered by slug.</summary>
internal sealed record TenantCursor(string Slug);
