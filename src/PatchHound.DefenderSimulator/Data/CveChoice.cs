namespace PatchHound.DefenderSimulator.Data;

/// <summary>A CVE picked for a finding: an index into <see cref="CveCatalog"/> (known-exploited ones first).</summary>
public readonly record struct CveChoice(bool IsKev, int Index);
