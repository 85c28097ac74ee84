namespace PatchHound.DefenderSimulator;

/// <summary>The names faults and statistics use for the simulated endpoints.</summary>
public static class SimulatorEndpoints
{
    public const string Machines = "machines";
    public const string Vulnerabilities = "vulnerabilities";
    public const string Token = "token";

    /// <summary>The via-files export's list of download URLs (<c>SoftwareVulnerabilitiesExport</c>).</summary>
    public const string Exports = "exports";

    /// <summary>The export files themselves, as Azure Storage serves them; their page number is the file number.</summary>
    public const string ExportFiles = "exportfiles";

    public static IReadOnlyList<string> All { get; } = [Machines, Vulnerabilities, Token, Exports, ExportFiles];
}
