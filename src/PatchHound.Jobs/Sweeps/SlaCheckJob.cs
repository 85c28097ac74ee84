using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Hourly: notifies findings and cases approaching or past their SLA due date, once per dedupe key. Only the tenants with something due, in batches.</summary>
public sealed class SlaCheckJob(TenantSweepRunner sweeps, IBackgroundJobClient client)
{
    public const string LeaseKey = "sla-check";
    public const string Queue = JobQueues.Critical;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("SLA check (due tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.SlaCheckAsync(token),
            batch => client.Create<SlaCheckJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(Queue)),
            cancellationToken);

    [JobDisplayName("SLA check (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, (services, token) => services.GetRequiredService<SlaCheck>().RunAsync(token), cancellationToken);
}
