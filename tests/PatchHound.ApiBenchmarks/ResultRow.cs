namespace PatchHound.ApiBenchmarks;

/// <summary>A scenario's figures through the API and straight on PostgreSQL.</summary>
internal sealed record ResultRow(Scenario Scenario, LatencySummary Api, LatencySummary Sql);
