namespace PatchHound.Core.Sources;

/// <summary>Endpoints of the Defender for Endpoint API that share one documented rate limit.</summary>
public enum DefenderApiFamily
{
    /// <summary><c>GET /api/machines</c> (List machines).</summary>
    Machines,

    /// <summary>
    /// The JSON exports of the software vulnerabilities assessment: <c>SoftwareVulnerabilitiesByMachine</c> (full) and
    /// <c>SoftwareVulnerabilityChangesByMachine</c> (delta), documented with the same limit.
    /// </summary>
    Export,

    /// <summary><c>SoftwareVulnerabilitiesExport</c>: the full export via files on Azure Storage.</summary>
    ExportFiles,
}
