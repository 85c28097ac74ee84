namespace PatchHound.Reads.Dashboard;

/// <summary>Open findings of known-exploited vulnerabilities (CISA KEV), and the devices that have at least one.</summary>
internal sealed record KevExposureDto(int OpenFindings, int Devices);
