using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Knobs of the recurring per-tenant sweeps (section <c>Sweeps</c>).</summary>
public sealed class SweepOptions
{
    public const string Section = "Sweeps";

    /// <summary>How far ahead of an SLA deadline a "due soon" notification is sent.</summary>
    [Range(1, 90)]
    public int SlaDueSoonDays { get; set; } = 3;

    /// <summary>Rows loaded per round trip by the sweeps that change entities one by one.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Most cron slots a scan profile is scheduled for in one sweep; older missed slots are skipped, so a
    /// profile that was down for a week gets its latest slot rather than a week of scans of the same devices.
    /// </summary>
    [Range(1, 100)]
    public int ScanCatchUpSlots { get; set; } = 1;
}
