using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads;

/// <summary>A count per severity.</summary>
internal sealed record SeverityCountsDto(int Critical, int High, int Medium, int Low, int None)
{
    public int Total => Critical + High + Medium + Low + None;

    public static SeverityCountsDto From(IReadOnlyDictionary<Severity, int> counts) => new(
        counts.GetValueOrDefault(Severity.Critical),
        counts.GetValueOrDefault(Severity.High),
        counts.GetValueOrDefault(Severity.Medium),
        counts.GetValueOrDefault(Severity.Low),
        counts.GetValueOrDefault(Severity.None));
}
