using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Ai;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ai;

/// <summary>
/// Every minute: per tenant with a pending request or an expired claim, takes back claims of crashed workers and
/// answers requests whose own job was lost, claiming them with <c>FOR UPDATE SKIP LOCKED</c>. Only those tenants,
/// in batches; nothing at all while AI remediation is off.
/// </summary>
public sealed class AiRemediationSweepJob(TenantSweepRunner sweeps, IBackgroundJobClient client, IOptions<AiOptions> options)
{
    public const string LeaseKey = "ai-sweep";
    public const string Queue = JobQueues.Ai;
    private const int MaxPerTenant = 50;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("AI remediation sweep (due tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        options.Value.Enabled
            ? sweeps.FanOutAsync(
                LeaseKey,
                job,
                (due, token) => due.AiRemediationAsync(options.Value.ClaimTimeout, token),
                batch => client.Create<AiRemediationSweepJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(Queue)),
                cancellationToken)
            : Task.CompletedTask;

    [JobDisplayName("AI remediation sweep (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, async (services, token) =>
        {
            var results = await services.GetRequiredService<AiRemediationProcessor>()
                .ProcessPendingAsync(AiRemediationJob.Worker(job), MaxPerTenant, token);
            return string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}"));
        }, cancellationToken);
}
