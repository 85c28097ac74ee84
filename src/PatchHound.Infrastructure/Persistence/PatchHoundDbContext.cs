using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

public sealed partial class PatchHoundDbContext(DbContextOptions<PatchHoundDbContext> options, TenantContext tenant)
    : DbContext(options)
{
    public TenantContext Tenant { get; } = tenant;

    // Read by the tenant query filter on every query; EF turns these into SQL parameters.
    internal Guid FilterTenantId => Tenant.TenantId ?? Guid.Empty;

    internal bool FilterPlatformScope => Tenant.IsPlatformScope;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PatchHoundDbContext).Assembly);
        ApplyTenantFilters(modelBuilder);
    }
}
