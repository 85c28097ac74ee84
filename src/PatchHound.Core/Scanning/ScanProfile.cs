using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Scanning;

/// <summary>A recurring scan of chosen devices; each cron slot yields at most one <see cref="ScanRequest"/>.</summary>
public sealed class ScanProfile : ITenantOwned
{
    private ScanProfile()
    {
        Name = string.Empty;
        CronSchedule = string.Empty;
        TargetDeviceIds = [];
    }

    public ScanProfile(Guid tenantId, string name, string cronSchedule, IEnumerable<Guid> targetDeviceIds)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Name = ValidName(name);
        CronSchedule = CronFormat.Ensure(cronSchedule, "scan_profile.invalid_cron");
        TargetDeviceIds = ValidTargets(targetDeviceIds);
        Enabled = true;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Five-field cron expression, evaluated in UTC.</summary>
    public string CronSchedule { get; private set; }

    public bool Enabled { get; private set; }

    public Guid[] TargetDeviceIds { get; private set; }

    /// <summary>The latest slot a request was made for; slots at or before it are never scheduled again.</summary>
    public DateTimeOffset? LastScheduledSlot { get; private set; }

    /// <summary>
    /// When the scheduler next has a slot to request, as it computed last; null: unknown, so the next sweep looks.
    /// Only the scheduler sets it; a change of schedule or an enable clears it. It lets the sweep find due profiles
    /// across tenants with one index scan instead of evaluating every profile's cron.
    /// </summary>
    public DateTimeOffset? NextSlotAt { get; private set; }

    public void Rename(string name) => Name = ValidName(name);

    public void Reschedule(string cronSchedule)
    {
        CronSchedule = CronFormat.Ensure(cronSchedule, "scan_profile.invalid_cron");
        NextSlotAt = null;
    }

    public void Retarget(IEnumerable<Guid> targetDeviceIds) => TargetDeviceIds = ValidTargets(targetDeviceIds);

    public void Enable()
    {
        Enabled = true;
        NextSlotAt = null;
    }

    public void Disable() => Enabled = false;

    public ScanRequest ScheduleFor(DateTimeOffset slot, DateTimeOffset createdAt)
    {
        Guard.Rule(Enabled, "scan_profile.disabled", "A disabled scan profile schedules no scans.");
        Guard.Rule(
            LastScheduledSlot is null || slot > LastScheduledSlot,
            "scan_profile.slot_already_scheduled",
            $"Slot {slot:O} is not after the last scheduled slot {LastScheduledSlot:O}.");
        LastScheduledSlot = slot.Utc();
        return new ScanRequest(TenantId, Id, slot, createdAt);
    }

    private static string ValidName(string name) => Guard.Text(name, Limits.Name, "scan_profile.invalid_name", "Name");

    private static Guid[] ValidTargets(IEnumerable<Guid> targetDeviceIds)
    {
        ArgumentNullException.ThrowIfNull(targetDeviceIds);
        var targets = targetDeviceIds.Distinct().ToArray();
        Guard.Rule(
            targets.Length > 0 && !targets.Contains(Guid.Empty),
            "scan_profile.invalid_targets",
            "A scan profile targets at least one device, by id.");
        return targets;
    }
}
