using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Ai;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ai;

/// <summary>
/// Every minute: takes back claims of crashed workers and answers requests whose own job was lost, claiming them
/// with <c>FOR UPDATE SKIP LOCKED</c>. Only the tenants with open requests, in batches; nothing at all with AI off.
/// A tenant's requests are answered by one worker at a time (a lease per tenant): with a slow provider a batch
/// outlives the next minute's sweep, which finds the same tenant due again.
/// </summary>
public sealed class AiRemediationSweepJob(
    TenantSweepRunner sweeps, ExclusiveRunner exclusive, IBackgroundJobClient client, IOptions<AiOptions> options)
{
    public const string LeaseKey = "ai-sweep";
    private const int MaxPerTenant = 50;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("AI remediation sweep (due tenants)")]
    public async Task RunAsync(PerformContext? job, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            JobProgress.Report(job, "AI remediation is off");
            return;
        }

        await sweeps.FanOutAsync(
            LeaseKey,
            job,
            (due, token) => due.AiRemediationAsync(options.Value.ClaimTimeout, token),
            batch => client.Create<AiRemediationSweepJob>(j => j.RunTenantsAsync(batch, null, CancellationToken.None), new EnqueuedState(JobQueues.Ai)),
            cancellationToken);
    }

    [JobDisplayName("AI remediation sweep (a batch of due tenants)")]
    public Task RunTenantsAsync(Guid[] tenantIds, PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunTenantsAsync(LeaseKey, tenantIds, job, async (services, token) =>
        {
            var tenantId = services.GetRequiredService<TenantContext>().RequireTenantId();
            var summary = "skipped: another worker answers this tenant's requests";
            await exclusive.RunAsync(TenantLeaseKey(tenantId), job, async stop =>
            {
                var results = await services.GetRequiredService<AiRemediationProcessor>()
                    .ProcessPendingAsync(AiRemediationJob.Worker(job), MaxPerTenant, stop);
                summary = string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}"));
            }, token);
            return summary;
        }, cancellationToken);

    public static string TenantLeaseKey(Guid tenantId) => $"{LeaseKey}:{tenantId}";
}
