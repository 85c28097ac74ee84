using PatchHound.Core.Sla;

namespace PatchHound.Reads.Settings;

/// <summary>Days to remediate a finding per severity (known-exploited findings may be due sooner).</summary>
internal sealed record SlaPolicyDto(int CriticalDays, int HighDays, int MediumDays, int LowDays)
{
    public static SlaPolicyDto From(SlaPolicy policy) => new(policy.CriticalDays, policy.HighDays, policy.MediumDays, policy.LowDays);
}
