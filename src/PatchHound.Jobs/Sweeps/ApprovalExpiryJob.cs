using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Every 15 minutes: expires pending approvals and risk acceptances past their expiry, with audit entries and notifications.</summary>
public sealed class ApprovalExpiryJob(TenantSweepRunner sweeps)
{
    public const string LeaseKey = "approval-expiry";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Approval expiry (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, (services, token) => services.GetRequiredService<ApprovalExpiry>().RunAsync(token), cancellationToken);
}
