using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Every 15 minutes: expires pending approvals and risk acceptances past their expiry, with audit entries and notifications. Only the tenants with something due, in batches.</summary>
public sealed class ApprovalExpiryJob(TenantSweepRunner sweeps, IBackgroundJobClient client)
{
    public const string LeaseKey = "approval-expiry";
    public const string Queue = JobQueues.Critical;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Approval expiry (due tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.ApprovalExpiryAsync(token),
            batch => client.Create<ApprovalExpiryJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(Queue)),
            cancellationToken);

    [JobDisplayName("Approval expiry (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, (services, token) => services.GetRequiredService<ApprovalExpiry>().RunAsync(token), cancellationToken);
}
