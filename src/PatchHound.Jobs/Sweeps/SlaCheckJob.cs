using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Hourly: notifies findings and cases approaching or past their SLA due date, once per dedupe key.</summary>
public sealed class SlaCheckJob(TenantSweepRunner sweeps)
{
    public const string LeaseKey = "sla-check";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("SLA check (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, (services, token) => services.GetRequiredService<SlaCheck>().RunAsync(token), cancellationToken);
}
