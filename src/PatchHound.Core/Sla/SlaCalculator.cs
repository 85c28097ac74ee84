using PatchHound.Core.Findings;

namespace PatchHound.Core.Sla;

/// <summary>The SLA rules, free of storage: when a finding is due and where it stands against that date.</summary>
public static class SlaCalculator
{
    // timestamptz keeps microseconds, so the last representable instant of a day is 23:59:59.999999;
    // TimeOnly.MaxValue (ticks) would round up to the next day when stored.
    private static readonly TimeOnly EndOfDay = new(23, 59, 59, 999, 999);

    /// <summary>
    /// First seen plus the days for its severity; no SLA for severity None. A known-exploited vulnerability
    /// with a KEV due date is due by the end of that day (UTC) when that is earlier.
    /// </summary>
    public static DateTimeOffset? DueAt(int? days, DateTimeOffset firstSeen, bool isKnownExploited, DateOnly? kevDueDate)
    {
        if (days is null)
        {
            return null;
        }

        var due = firstSeen.ToUniversalTime().AddDays(days.Value);
        if (isKnownExploited && kevDueDate is { } kevDay)
        {
            var kevDue = new DateTimeOffset(kevDay.ToDateTime(EndOfDay), TimeSpan.Zero);
            return kevDue < due ? kevDue : due;
        }

        return due;
    }

    public static SlaState StateAt(DateTimeOffset? due, DateTimeOffset now, TimeSpan dueSoonWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueSoonWindow, TimeSpan.Zero);
        if (due is null)
        {
            return SlaState.NoSla;
        }

        if (now >= due)
        {
            return SlaState.Breached;
        }

        return due - now <= dueSoonWindow ? SlaState.DueSoon : SlaState.WithinSla;
    }

    /// <summary>
    /// The SLA state of a finding in this status: only an open finding's clock runs. A resolved finding, or one
    /// whose risk is accepted, has no state (null), whatever its deadline.
    /// </summary>
    public static SlaState? OpenStateAt(FindingStatus status, DateTimeOffset? due, DateTimeOffset now, TimeSpan dueSoonWindow) =>
        status == FindingStatus.Open ? StateAt(due, now, dueSoonWindow) : null;
}
