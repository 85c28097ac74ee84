using Cronos;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Which slots of a five-field UTC cron schedule are due, given the last one already scheduled.</summary>
public static class CronSlots
{
    /// <summary>
    /// How soon a schedule that has no next slot, or is not a valid cron expression, is looked at again: rarely enough
    /// that such a schedule does not make its tenant due every minute.
    /// </summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// The first slot after <paramref name="lastScheduled"/> (never scheduled: after now), i.e. when the schedule is due
    /// next; <see cref="RecheckAfter"/> from now when it has none or is invalid.
    /// </summary>
    public static DateTimeOffset Next(string cronSchedule, DateTimeOffset? lastScheduled, DateTimeOffset now)
    {
        try
        {
            return CronExpression.Parse(cronSchedule).GetNextOccurrence(lastScheduled ?? now, TimeZoneInfo.Utc, inclusive: false)
                ?? now + RecheckAfter;
        }
        catch (CronFormatException)
        {
            return now + RecheckAfter;
        }
    }

    /// <summary>
    /// The latest <paramref name="max"/> slots in (<paramref name="lastScheduled"/>, <paramref name="now"/>].
    /// Never scheduled before: only the latest slot at or before now, i.e. at most one interval back, so a new
    /// schedule starts with its current slot and not with the past.
    /// </summary>
    /// <remarks>Throws Cronos's CronFormatException when the expression is not a valid cron schedule.</remarks>
    public static DueSlots Due(string cronSchedule, DateTimeOffset? lastScheduled, DateTimeOffset now, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var cron = CronExpression.Parse(cronSchedule);
        if (lastScheduled is not { } last)
        {
            return cron.GetPreviousOccurrence(now, TimeZoneInfo.Utc, inclusive: true) is { } latest
                ? new DueSlots([latest], SkippedOlder: false)
                : DueSlots.None;
        }

        if (last >= now)
        {
            return DueSlots.None;
        }

        // Newest first and lazy: a long outage costs max + 1 occurrences, not one per missed slot.
        var newest = cron.GetOccurrencesDescending(now, last, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: false)
            .Take(max + 1)
            .ToList();
        var slots = newest.Take(max).Reverse().ToList();
        return new DueSlots(slots, SkippedOlder: newest.Count > max);
    }
}
