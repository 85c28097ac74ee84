namespace PatchHound.Core.Sources;

/// <summary>
/// The rate limits Microsoft documents for the Defender for Endpoint API endpoints PatchHound calls, per Defender
/// (Entra) tenant whoever calls: every PatchHound replica reading sources of one Defender tenant shares them. Source:
/// MicrosoftDocs/defender-docs, <c>defender-endpoint/api/get-machines.md</c> ("Limitations") and
/// <c>get-assessment-software-vulnerabilities.md</c> (1.1.1, 2.1.2 and 3.1.1 "Limitations"). The client paces itself
/// against this table and the simulator enforces it (ADR 0017).
/// </summary>
public static class DefenderApiLimits
{
    private static readonly CallLimit[] MachinesLimits = [new(100, TimeSpan.FromMinutes(1)), new(1_500, TimeSpan.FromHours(1))];
    private static readonly CallLimit[] ExportLimits = [new(30, TimeSpan.FromMinutes(1)), new(1_000, TimeSpan.FromHours(1))];
    private static readonly CallLimit[] ExportFilesLimits = [new(5, TimeSpan.FromMinutes(1)), new(20, TimeSpan.FromHours(1))];

    public static IReadOnlyList<CallLimit> Documented(DefenderApiFamily family) => family switch
    {
        DefenderApiFamily.Machines => MachinesLimits,
        DefenderApiFamily.Export => ExportLimits,
        DefenderApiFamily.ExportFiles => ExportFilesLimits,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Not a Defender API family."),
    };

    /// <summary>
    /// The family of a request path (<c>/api/machines</c>, <c>/api/machines/SoftwareVulnerabilitiesByMachine</c>, …),
    /// whatever the base path before <c>/api/</c>; null for a path with no documented family limit here.
    /// </summary>
    public static DefenderApiFamily? FamilyOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimEnd('/');
        if (trimmed.EndsWith("/api/machines", StringComparison.OrdinalIgnoreCase))
        {
            return DefenderApiFamily.Machines;
        }

        if (trimmed.EndsWith("/api/machines/SoftwareVulnerabilitiesByMachine", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith("/api/machines/SoftwareVulnerabilityChangesByMachine", StringComparison.OrdinalIgnoreCase))
        {
            return DefenderApiFamily.Export;
        }

        return trimmed.EndsWith("/api/machines/SoftwareVulnerabilitiesExport", StringComparison.OrdinalIgnoreCase)
            ? DefenderApiFamily.ExportFiles
            : null;
    }

    /// <summary>
    /// The documented limits of <paramref name="family"/>, or <paramref name="overrides"/>' entry for it when there
    /// is one (tests and load tests that need shorter windows or no limit set them explicitly).
    /// </summary>
    public static IReadOnlyList<CallLimit> Effective(DefenderApiFamily family, IReadOnlyDictionary<DefenderApiFamily, CallLimit[]>? overrides) =>
        overrides is not null && overrides.TryGetValue(family, out var configured) && configured.Length > 0 ? configured : Documented(family);
}
