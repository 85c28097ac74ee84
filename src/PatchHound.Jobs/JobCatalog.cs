using Hangfire;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Jobs.Ai;
using PatchHound.Jobs.Enrichment;
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
        new("ai-remediation-sweep", "* * * * *", JobQueues.Ai, (m, d, cron) =>
            m.AddOrUpdate<AiRemediationSweepJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("enrichment", "17 3 * * *", JobQueues.Default, (m, d, cron) =>
            m.AddOrUpdate<EnrichmentJob>(d.Id, d.Queue, j => j.RunAsync(EnrichmentFeeds.All, null, CancellationToken.None), cron, Utc)),
    ];

    private static RecurringJobOptions Utc => new() { TimeZone = TimeZoneInfo.Utc };
}
