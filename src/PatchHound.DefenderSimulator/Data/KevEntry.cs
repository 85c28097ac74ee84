namespace PatchHound.DefenderSimulator.Data;

/// <summary>One entry of the CISA KEV catalog, reduced to what findings need.</summary>
public sealed record KevEntry(string CveId, string Vendor, string Product);
