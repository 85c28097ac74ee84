using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Every minute: escalates remediation cases whose stage is past due, with audit entries. Only the tenants with something due, in batches.</summary>
public sealed class WorkflowTimeoutsJob(TenantSweepRunner sweeps, IBackgroundJobClient client)
{
    public const string LeaseKey = "workflow-timeouts";
    public const string Queue = JobQueues.Critical;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Workflow timeouts (due tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.WorkflowTimeoutsAsync(token),
            batch => client.Create<WorkflowTimeoutsJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(Queue)),
            cancellationToken);

    [JobDisplayName("Workflow timeouts (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, (services, token) => services.GetRequiredService<WorkflowTimeouts>().RunAsync(token), cancellationToken);
}
