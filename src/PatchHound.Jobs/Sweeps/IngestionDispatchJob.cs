using Hangfire;
using Hangfire.Server;
using Hangfire.States;
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
/// Only the tenants with a due source or a stranded run, in batches.
/// </summary>
public sealed class IngestionDispatchJob(TenantSweepRunner sweeps, IBackgroundJobClient client, IOptions<SweepOptions> options)
{
    public const string LeaseKey = "ingestion-dispatch";
    public const string Queue = JobQueues.Critical;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Ingestion dispatch (due tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.IngestionDispatchAsync(token),
            batch => client.Create<IngestionDispatchJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(Queue)),
            cancellationToken);

    [JobDisplayName("Ingestion dispatch (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, async (services, token) =>
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
