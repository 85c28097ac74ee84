namespace PatchHound.DefenderSimulator.Data;

/// <summary>One row of the software vulnerabilities export: a CVE in a piece of software on a device.</summary>
public sealed record SimulatedFinding(
    string Id,
    SimulatedMachine Machine,
    VulnerabilityFacts Facts,
    DateTime FirstSeen,
    DateTime LastSeen);
