using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

public sealed partial class PatchHoundDbContext
{
    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(PatchHoundDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        foreach (var clrType in TenantQueryFilter.TenantOwnedTypes(modelBuilder))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(clrType).Invoke(this, [modelBuilder]);
        }
    }

    // An instance method so the lambda references `this`: EF then reads the tenant of the
    // context that runs the query, not of the context that built the (cached) model.
    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned
    {
        Expression<Func<TEntity, bool>> filter = e => FilterPlatformScope || e.TenantId == FilterTenantId;
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantQueryFilter.Name, filter);
    }
}
