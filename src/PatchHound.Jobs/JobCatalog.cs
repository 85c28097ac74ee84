using Hangfire;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Jobs.Ai;
using PatchHound.Jobs.Enrichment;
using PatchHound.Jobs.Platform;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.Jobs;

/// <summary>
/// Every recurring job of PatchHound with its default schedule (UTC) and queue, in one place. Schedules can be
/// overridden per job id under <c>Jobs:Schedules</c>.
/// </summary>
public static class JobCatalog
{
    public static IReadOnlyList<RecurringJobDefinition> Recurring { get; } =
    [
        new("ingestion-dispatch", "* * * * *", IngestionDispatchJob.Queue, (m, d, cron) =>
            m.AddOrUpdate<IngestionDispatchJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("sla-check", "7 * * * *", SlaCheckJob.Queue, (m, d, cron) =>
            m.AddOrUpdate<SlaCheckJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("workflow-timeouts", "* * * * *", WorkflowTimeoutsJob.Queue, (m, d, cron) =>
            m.AddOrUpdate<WorkflowTimeoutsJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("approval-expiry", "*/15 * * * *", ApprovalExpiryJob.Queue, (m, d, cron) =>
            m.AddOrUpdate<ApprovalExpiryJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("scan-scheduler", "* * * * *", ScanSchedulerJob.Queue, (m, d, cron) =>
            m.AddOrUpdate<ScanSchedulerJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("retention", "43 2 * * *", JobQueues.Default, (m, d, cron) =>
            m.AddOrUpdate<RetentionJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("ai-remediation-sweep", "* * * * *", JobQueues.Ai, (m, d, cron) =>
            m.AddOrUpdate<AiRemediationSweepJob>(d.Id, d.Queue, j => j.RunAsync(null, CancellationToken.None), cron, Utc)),
        new("enrichment", "17 3 * * *", JobQueues.Default, (m, d, cron) =>
            m.AddOrUpdate<EnrichmentJob>(d.Id, d.Queue, j => j.RunAsync(EnrichmentFeeds.All, null, CancellationToken.None), cron, Utc)),
    ];

    private static RecurringJobOptions Utc => new() { TimeZone = TimeZoneInfo.Utc };
}
