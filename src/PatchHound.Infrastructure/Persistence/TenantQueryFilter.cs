using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The first isolation wall: a named query filter on every <see cref="ITenantOwned"/> entity.
/// PostgreSQL row-level security (see <see cref="RowLevelSecurity"/>) is the second, independent one.
/// </summary>
public static class TenantQueryFilter
{
    public const string Name = "tenant";

    internal static IEnumerable<Type> TenantOwnedTypes(ModelBuilder modelBuilder) =>
        modelBuilder.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.BaseType is null && typeof(ITenantOwned).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType)
            .ToList();
}
