using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Jobs.Platform;

namespace PatchHound.Benchmarks;

/// <summary>
/// The sweeps' path before ADR 0007, kept here as the benchmark's baseline only: every active tenant in turn, each in
/// its own tenant scope, whether or not it has anything due.
/// </summary>
internal static class EveryTenantSweep
{
    public static async Task RunAsync<TResult>(
        IServiceProvider services, string sweep, Func<IServiceProvider, CancellationToken, Task<TResult>> perTenant, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> active;
        await using (var scope = services.CreateAsyncScope())
        {
            // The tenants table is global: listing it needs no tenant scope.
            active = await scope.ServiceProvider.GetRequiredService<PatchHoundDbContext>().Tenants.AsNoTracking()
                .Where(t => t.Status == TenantStatus.Active).OrderBy(t => t.Id).Select(t => t.Id)
                .ToListAsync(cancellationToken);
        }

        await services.GetRequiredService<TenantSweepRunner>().RunTenantsAsync(sweep, active, null, perTenant, cancellationToken);
    }
}
