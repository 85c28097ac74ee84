using Cronos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Scanning;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Turns the due cron slots of each enabled scan profile into scan requests and advances the profile's
/// <see cref="ScanProfile.LastScheduledSlot"/>. A slot is requested once: the insert skips a slot the unique
/// (tenant, profile, slot) index already holds, and the last slot only ever moves forward.
/// </summary>
/// <remarks>
/// After downtime only the latest <see cref="SweepOptions.ScanCatchUpSlots"/> missed slots are requested (by
/// default one): a scan looks at the devices as they are now, so replaying every missed slot would queue the
/// same work many times.
/// </remarks>
public sealed class ScanScheduler(
    PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> options, ILogger<ScanScheduler> logger)
{
    public async Task<ScanSchedulerResult> RunAsync(CancellationToken cancellationToken)
    {
        db.Tenant.RequireTenantId();
        var now = clock.GetUtcNow();
        var profiles = await db.ScanProfiles.AsNoTracking().Where(p => p.Enabled).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        int created = 0, behind = 0;

        foreach (var profile in profiles)
        {
            DueSlots due;
            try
            {
                due = CronSlots.Due(profile.CronSchedule, profile.LastScheduledSlot, now, options.Value.ScanCatchUpSlots);
            }
            catch (CronFormatException e)
            {
                logger.LogWarning("Scan profile {ProfileId} has an invalid schedule and is not scheduled: {Reason}", profile.Id, e.Message);
                await SetNextSlotAsync(profile, null, now, cancellationToken);
                continue;
            }

            if (due.SkippedOlder)
            {
                behind++;
                logger.LogWarning(
                    "Scan profile {ProfileId} missed slots before {Slot}; they are skipped and only the latest {Count} requested",
                    profile.Id, due.Slots[0], due.Slots.Count);
            }

            foreach (var slot in due.Slots)
            {
                created += await InsertIfAbsentAsync(profile.ScheduleFor(slot, now), cancellationToken);
            }

            if (due.Slots.Count > 0)
            {
                await AdvanceAsync(profile.Id, due.Slots[^1], cancellationToken);
            }

            await SetNextSlotAsync(profile, due.Slots.Count > 0 ? due.Slots[^1] : profile.LastScheduledSlot, now, cancellationToken);
        }

        if (created > 0)
        {
            logger.LogInformation("Scheduled {Count} scan requests", created);
        }

        return new ScanSchedulerResult(created, behind);
    }

    private Task<int> InsertIfAbsentAsync(ScanRequest request, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO scan_requests (id, tenant_id, scan_profile_id, scheduled_slot, status, created_at)
            VALUES ({request.Id}, {request.TenantId}, {request.ScanProfileId}, {request.ScheduledSlot},
                    {request.Status.ToString()}, {request.CreatedAt})
            ON CONFLICT (tenant_id, scan_profile_id, scheduled_slot) DO NOTHING
            """,
            cancellationToken);

    /// <summary>
    /// Records when the profile is due next, so the due-tenant query skips it until then. Not when its schedule changed
    /// meanwhile: the change cleared the next slot, and the next sweep computes it from the new schedule.
    /// </summary>
    private Task<int> SetNextSlotAsync(ScanProfile profile, DateTimeOffset? lastSlot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = CronSlots.Next(profile.CronSchedule, lastSlot, now);
        return db.ScanProfiles
            .Where(p => p.Id == profile.Id && p.CronSchedule == profile.CronSchedule && p.NextSlotAt != next)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSlotAt, next), cancellationToken);
    }

    /// <summary>Only forward: a slower worker that computed an older slot must not move it back.</summary>
    private Task<int> AdvanceAsync(Guid profileId, DateTimeOffset slot, CancellationToken cancellationToken) =>
        db.ScanProfiles
            .Where(p => p.Id == profileId && (p.LastScheduledSlot == null || p.LastScheduledSlot < slot))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastScheduledSlot, slot), cancellationToken);
}
