using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Ai;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ai;

/// <summary>
/// Every minute: per tenant, takes back claims of crashed workers and answers requests whose own job was lost,
/// claiming them with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class AiRemediationSweepJob(TenantSweepRunner sweeps)
{
    public const string LeaseKey = "ai-sweep";
    private const int MaxPerTenant = 50;

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("AI remediation sweep (all tenants)")]
    public Task RunAsync(PerformContext? job, CancellationToken cancellationToken) =>
        sweeps.RunAsync(LeaseKey, job, async (services, token) =>
        {
            var results = await services.GetRequiredService<AiRemediationProcessor>()
                .ProcessPendingAsync(AiRemediationJob.Worker(job), MaxPerTenant, token);
            return string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}"));
        }, cancellationToken);
}
