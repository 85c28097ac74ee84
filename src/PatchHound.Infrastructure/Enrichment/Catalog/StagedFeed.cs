namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>
/// A feed copied into its staging table, one row per CVE: <c>Received</c> distinct CVEs, after dropping
/// <c>Superseded</c> rows that a later row of the same CVE replaced.
/// </summary>
internal sealed record StagedFeed(string Table, int Received, int Superseded);
