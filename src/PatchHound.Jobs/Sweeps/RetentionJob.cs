using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Daily: purges read notifications, finished runs and scan requests past their retention.</summary>
public sealed class RetentionJob(TenantSweepRunner sweeps)
{
    public const string LeaseKey = "retention";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Retention (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, (services, token) => services.GetRequiredService<Retention>().RunAsync(token), cancellationToken);
}
