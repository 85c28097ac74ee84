using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Ingestion;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>
/// Every minute: creates a run for each enabled source whose cron slot is due (once per slot, enforced by a unique
/// index) and enqueues its first batch on the ingestion queue. One recurring job for all sources rather than one per
/// source: schedules live in the database, where tenant admins change them, not in Hangfire.
/// </summary>
public sealed class IngestionDispatchJob(TenantSweepRunner sweeps, IBackgroundJobClient client)
{
    public const string LeaseKey = "ingestion-dispatch";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Ingestion dispatch (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, async (services, token) =>
        {
            var runs = await services.GetRequiredService<IngestionDispatch>().RunAsync(token);
            foreach (var run in runs)
            {
                IngestionEnqueuer.EnqueueFirstBatch(client, run.TenantId, run.SourceId, run.Id);
            }

            return $"{runs.Count} run(s) dispatched";
        }, cancellationToken);
}
