using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Persistence.Configurations;

/// <summary>Mapping rules every entity configuration repeats, written once.</summary>
internal static class EntityTypeBuilderExtensions
{
    /// <summary>
    /// Ids are made by the domain (<see cref="Ids.New"/>), never by the database. Saying so matters: EF treats an
    /// entity with a set, store-generated key found through a navigation as existing, not new.
    /// </summary>
    public static EntityTypeBuilder<T> HasClientKey<T>(this EntityTypeBuilder<T> builder)
        where T : class
    {
        builder.HasKey("Id");
        builder.Property<Guid>("Id").ValueGeneratedNever();
        return builder;
    }

    /// <summary>The owning tenant, which may not be deleted while rows point to it.</summary>
    public static EntityTypeBuilder<T> BelongsToTenant<T>(this EntityTypeBuilder<T> builder)
        where T : class, ITenantOwned
    {
        builder.Property(e => e.TenantId).IsRequired();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        return builder;
    }

    /// <summary>
    /// A reference to another row of the same tenant, as a composite (TenantId, id) foreign key to the alternate
    /// key (TenantId, Id) of the principal. PostgreSQL checks foreign keys without row-level security, so a
    /// single-column key would accept another tenant's id.
    /// </summary>
    public static ReferenceCollectionBuilder<TPrincipal, TDependent> HasTenantReference<TDependent, TPrincipal>(
        this EntityTypeBuilder<TDependent> builder, string foreignKeyProperty, DeleteBehavior onDelete)
        where TDependent : class, ITenantOwned
        where TPrincipal : class, ITenantOwned =>
        builder.HasOne<TPrincipal>()
            .WithMany()
            .HasForeignKey(nameof(ITenantOwned.TenantId), foreignKeyProperty)
            .HasPrincipalKey(nameof(ITenantOwned.TenantId), "Id")
            .OnDelete(onDelete);

    /// <summary>Enums are stored by name: readable in SQL, and safe when members are reordered.</summary>
    public static PropertyBuilder<TEnum> StoredAsText<TEnum>(this PropertyBuilder<TEnum> property) =>
        property.HasConversion<string>().HasMaxLength(Limits.EnumText);

    public static EntityTypeBuilder<T> HasXminConcurrencyToken<T>(this EntityTypeBuilder<T> builder)
        where T : class
    {
        builder.Property<uint>(ConcurrencyToken.PropertyName)
            .HasColumnName(ConcurrencyToken.ColumnName)
            .HasColumnType("xid")
            .IsRowVersion();
        return builder;
    }
}
