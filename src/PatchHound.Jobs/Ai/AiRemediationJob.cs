using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Ai;
using PatchHound.Infrastructure.Leases;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ai;

/// <summary>
/// Answers one AI remediation request, enqueued when the request is made. The request's atomic claim
/// (<c>UPDATE … WHERE status = 'Pending' RETURNING</c>) is the guarantee; the lease keeps a redelivered copy from
/// even calling the provider while the first still runs.
/// </summary>
public sealed class AiRemediationJob(ExclusiveRunner exclusive, TenantJobScope tenantScope)
{
    [SkipWhenRunning("ai-request:{1}")]
    [JobDisplayName("AI remediation {1} (tenant {0})")]
    public Task RunAsync(Guid tenantId, Guid requestId, PerformContext? job, CancellationToken cancellationToken) =>
        exclusive.RunAsync($"ai-request:{requestId}", job, stop => tenantScope.RunAsync(tenantId, "ai.remediation", async (services, token) =>
        {
            var outcome = await services.GetRequiredService<AiRemediationProcessor>()
                .ProcessAsync(requestId, Worker(job), token);
            JobProgress.Report(job, $"request {requestId}: {outcome}");
            return outcome;
        }, stop), cancellationToken);

    internal static string Worker(PerformContext? job) => $"{JobLeases.ProcessOwner}:{job?.BackgroundJob.Id ?? "direct"}";
}
