using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Sweeps;

/// <summary>Every minute: escalates remediation cases whose stage is past due, with audit entries.</summary>
public sealed class WorkflowTimeoutsJob(TenantSweepRunner sweeps)
{
    public const string LeaseKey = "workflow-timeouts";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Workflow timeouts (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, (services, token) => services.GetRequiredService<WorkflowTimeouts>().RunAsync(token), cancellationToken);
}
