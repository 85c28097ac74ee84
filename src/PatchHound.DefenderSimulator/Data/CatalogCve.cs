namespace PatchHound.DefenderSimulator.Data;

/// <summary>A CVE of the simulator's catalog: its id, the software it is attributed to and its CVSS v3.1 base score.</summary>
public sealed record CatalogCve(string CveId, string Vendor, string Product, double CvssScore, DateTime Published);
