using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Every minute: creates one scan request per due slot of each enabled scan profile.</summary>
public sealed class ScanSchedulerJob(TenantSweepRunner sweeps)
{
    public const string LeaseKey = "scan-scheduler";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Scan scheduler (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, (services, token) => services.GetRequiredService<ScanScheduler>().RunAsync(token), cancellationToken);
}
