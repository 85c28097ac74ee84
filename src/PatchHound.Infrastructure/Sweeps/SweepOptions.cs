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
    /// Due tenants per fanned-out sweep job: a sweep that finds many due tenants enqueues one job per this many, so
    /// several workers share it, while a job's fixed cost (a Hangfire round of state changes) stays small beside its work.
    /// </summary>
    [Range(1, 1000)]
    public int TenantsPerJob { get; set; } = 50;

    /// <summary>
    /// Most cron slots a scan profile is scheduled for in one sweep; older missed slots are skipped, so a
    /// profile that was down for a week gets its latest slot rather than a week of scans of the same devices.
    /// </summary>
    [Range(1, 100)]
    public int ScanCatchUpSlots { get; set; } = 1;

    /// <summary>
    /// An ingestion run still queued this long after it was created is assumed to have lost its first job (the API or
    /// dispatcher died between saving the run and enqueuing it) and gets its first batch enqueued again; a second
    /// delivery of a batch that did arrive changes nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StrandedRunAfter { get; set; } = TimeSpan.FromMinutes(2);
}
