using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Ingestion;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>
/// Every minute: creates a run for each enabled source whose cron slot is due (once per slot, enforced by a unique
/// index) and enqueues its first batch on the ingestion queue. One recurring job for all sources rather than one per
/// source: schedules live in the database, where tenant admins change them, not in Hangfire. Also enqueues again the
/// first batch of runs left queued for longer than <see cref="SweepOptions.StrandedRunAfter"/> (a lost enqueue).
/// </summary>
public sealed class IngestionDispatchJob(TenantSweepRunner sweeps, IBackgroundJobClient client, IOptions<SweepOptions> options)
{
    public const string LeaseKey = "ingestion-dispatch";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Ingestion dispatch (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, async (services, token) =>
        {
            var dispatch = services.GetRequiredService<IngestionDispatch>();
            var stranded = await dispatch.StrandedAsync(options.Value.StrandedRunAfter, token);
            var runs = await dispatch.RunAsync(token);
            foreach (var run in stranded.Concat(runs))
            {
                IngestionEnqueuer.EnqueueFirstBatch(client, run.TenantId, run.SourceId, run.Id);
            }

            return $"{runs.Count} run(s) dispatched, {stranded.Count} stranded run(s) enqueued again";
        }, cancellationToken);
}
