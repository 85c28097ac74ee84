using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Jobs.Platform;

/// <summary>The tenants a sweep visits. The tenants table is global, so no tenant scope is needed to list it.</summary>
public sealed class ActiveTenants(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<Guid>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchHoundDbContext>();
        return await db.Tenants.AsNoTracking()
            .Where(t => t.Status == TenantStatus.Active)
            .OrderBy(t => t.Id)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
    }
}
