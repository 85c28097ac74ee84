namespace PatchHound.DefenderSimulator.Data;

/// <summary>A CVE picked for a finding: an index into the KEV catalog or into the synthetic id range.</summary>
public readonly record struct CveChoice(bool IsKev, int Index);
