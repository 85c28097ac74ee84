using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>
/// Daily: purges read notifications, finished runs and scan requests past their retention. Every active tenant is
/// due; their purges are fanned out in batches so several workers share the day's work.
/// </summary>
public sealed class RetentionJob(TenantSweepRunner sweeps, IBackgroundJobClient client)
{
    public const string LeaseKey = "retention";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Retention (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.RetentionAsync(token),
            batch => client.Create<RetentionJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(JobQueues.Default)),
            cancellationToken);

    [JobDisplayName("Retention (a batch of tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, (services, token) => services.GetRequiredService<Retention>().RunAsync(token), cancellationToken);
}
