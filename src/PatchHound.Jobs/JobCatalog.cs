using Hangfire;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs;

/// <summary>
/// Every recurring job of PatchHound with its default schedule (UTC) and queue, in one place. Schedules can be
/// overridden per job id under <c>Jobs:Schedules</c>.
/// </summary>
public static class JobCatalog
{
    public static IReadOnlyList<RecurringJobDefinition> Recurring { get; } =
    [
    ];

    private static RecurringJobOptions Utc => new() { TimeZone = TimeZoneInfo.Utc };
}
