using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Every minute: creates one scan request per due slot of each enabled scan profile. Only the tenants with something due, in batches.</summary>
public sealed class ScanSchedulerJob(TenantSweepRunner sweeps, IBackgroundJobClient client)
{
    public const string LeaseKey = "scan-scheduler";
    public const string Queue = JobQueues.Default;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Scan scheduler (due tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.ScanSchedulerAsync(token),
            batch => client.Create<ScanSchedulerJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(Queue)),
            cancellationToken);

    [JobDisplayName("Scan scheduler (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, (services, token) => services.GetRequiredService<ScanScheduler>().RunAsync(token), cancellationToken);
}
