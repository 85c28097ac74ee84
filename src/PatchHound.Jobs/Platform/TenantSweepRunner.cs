using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// The one way a recurring job visits every active tenant: under the job's lease (skipped when another worker
/// holds it), each tenant in its own <see cref="TenantJobScope"/>, one tenant's failure not stopping the others,
/// progress on the Hangfire job, and a lost lease stopping the sweep.
/// </summary>
public sealed class TenantSweepRunner(ExclusiveRunner exclusive, ActiveTenants tenants, TenantJobScope tenantScope, ILogger<TenantSweepRunner> logger)
{
    /// <returns>False when skipped because another worker runs the sweep.</returns>
    public Task<bool> RunAsync<TResult>(
        string leaseKey,
        PerformContext? job,
        Func<IServiceProvider, CancellationToken, Task<TResult>> perTenant,
        CancellationToken cancellationToken) =>
        exclusive.RunAsync(leaseKey, job, async stop =>
        {
            var tenantIds = await tenants.ListAsync(stop);
            var failed = new List<Guid>();
            Exception? firstError = null;
            for (var i = 0; i < tenantIds.Count; i++)
            {
                try
                {
                    var result = await tenantScope.RunAsync(tenantIds[i], perTenant, stop);
                    logger.LogInformation("{Sweep} tenant {TenantId}: {Result}", leaseKey, tenantIds[i], result);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    logger.LogError(e, "{Sweep} failed for tenant {TenantId}", leaseKey, tenantIds[i]);
                    failed.Add(tenantIds[i]);
                    firstError ??= e;
                }

                JobProgress.Report(job, $"{i + 1}/{tenantIds.Count} tenants done, {failed.Count} failed");
            }

            if (firstError is not null)
            {
                throw new TenantSweepFailedException(leaseKey, failed, firstError);
            }
        }, cancellationToken);
}
