namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>A tenant's devices and findings as text rows, for before/after comparisons.</summary>
public sealed record LiveState(HashSet<string> Devices, HashSet<string> Findings);
