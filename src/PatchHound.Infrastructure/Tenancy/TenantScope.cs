using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.ServiceDefaults;

namespace PatchHound.Infrastructure.Tenancy;

/// <summary>Resolves a tenant named by a request or job (id or slug) and makes it the scope's tenant and the current span's (ADR 0009).</summary>
public sealed class TenantScope(PatchHoundDbContext db, TenantDirectory directory, ILogger<TenantScope> logger)
{
    public async Task<KnownTenant> EnterAsync(string tenantIdOrSlug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantIdOrSlug);
        var tenant = await directory.FindAsync(db, tenantIdOrSlug, cancellationToken);
        if (tenant is null)
        {
            logger.LogWarning("Refused unknown tenant {Tenant}", tenantIdOrSlug);
            throw new UnknownTenantException(tenantIdOrSlug, "does not exist");
        }

        if (tenant.Status != TenantStatus.Active)
        {
            logger.LogWarning("Refused tenant {Tenant} in status {Status}", tenantIdOrSlug, tenant.Status);
            throw new UnknownTenantException(tenantIdOrSlug, $"is {tenant.Status.ToString().ToLowerInvariant()}");
        }

        db.Tenant.Enter(tenant.Id);
        TenantTelemetry.Tag(Activity.Current, tenant.Id, tenant.Edition.ToString());
        return tenant;
    }
}
