using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// The ways a recurring job reaches tenants. <see cref="FanOutAsync"/>: under the job's lease, asks which tenants have
/// work due (<see cref="DueTenants"/>, one indexed query across tenants) and enqueues their work in batches of
/// <see cref="SweepOptions.TenantsPerJob"/>, so a sweep costs what is due and several workers share it.
/// <see cref="RunTenantsAsync"/>: a batch's work, each tenant in its own <see cref="TenantJobScope"/>, one tenant's
/// failure not stopping the others. (The path before ADR 0007 — every active tenant in turn — lives on only in
/// the sweeps benchmark, as its baseline.)
/// </summary>
public sealed class TenantSweepRunner(
    ExclusiveRunner exclusive,
    TenantJobScope tenantScope,
    IServiceScopeFactory scopes,
    IOptions<SweepOptions> options,
    ILogger<TenantSweepRunner> logger)
{
    /// <returns>False when skipped because another worker runs the sweep.</returns>
    public Task<bool> FanOutAsync(
        string leaseKey,
        PerformContext? job,
        Func<DueTenants, CancellationToken, Task<IReadOnlyList<Guid>>> due,
        Action<Guid[]> enqueueBatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(enqueueBatch);
        return exclusive.RunAsync(leaseKey, job, async stop =>
        {
            IReadOnlyList<Guid> dueTenants;
            await using (var scope = scopes.CreateAsyncScope())
            {
                dueTenants = await due(scope.ServiceProvider.GetRequiredService<DueTenants>(), stop);
            }

            var batches = dueTenants.Chunk(options.Value.TenantsPerJob).ToList();
            foreach (var batch in batches)
            {
                enqueueBatch(batch);
            }

            logger.LogInformation("{Sweep}: {Tenants} due tenant(s), {Jobs} job(s) enqueued", leaseKey, dueTenants.Count, batches.Count);
            JobProgress.Report(job, $"{dueTenants.Count} due tenant(s), {batches.Count} job(s) enqueued");
        }, cancellationToken);
    }

    /// <summary>
    /// A tenant that is no longer active when its batch runs is skipped, not failed: it was active when found due.
    /// Throws <see cref="TenantSweepFailedException"/> when any tenant failed, so Hangfire retries the (idempotent) batch.
    /// </summary>
    public async Task RunTenantsAsync<TResult>(
        string sweep,
        IReadOnlyList<Guid> tenantIds,
        PerformContext? job,
        Func<IServiceProvider, CancellationToken, Task<TResult>> perTenant,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        var failed = new List<Guid>();
        Exception? firstError = null;
        for (var i = 0; i < tenantIds.Count; i++)
        {
            try
            {
                var result = await tenantScope.RunAsync(tenantIds[i], $"sweep.{sweep}", perTenant, cancellationToken);
                logger.LogInformation("{Sweep} tenant {TenantId}: {Result}", sweep, tenantIds[i], result);
            }
            catch (UnknownTenantException e)
            {
                logger.LogInformation("{Sweep} skipped tenant {TenantId}: {Reason}", sweep, tenantIds[i], e.Message);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Sweep} failed for tenant {TenantId}", sweep, tenantIds[i]);
                failed.Add(tenantIds[i]);
                firstError ??= e;
            }

            JobProgress.Report(job, $"{i + 1}/{tenantIds.Count} tenants done, {failed.Count} failed");
        }

        if (firstError is not null)
        {
            throw new TenantSweepFailedException(sweep, failed, firstError);
        }
    }
}
