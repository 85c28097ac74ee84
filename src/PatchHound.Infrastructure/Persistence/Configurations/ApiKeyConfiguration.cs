using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(k => k.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        builder.Property(k => k.KeyHash).HasMaxLength(ApiKey.KeyHashLength).IsRequired();
        builder.Property(k => k.Scopes).IsRequired();

        builder.HasOne<User>().WithMany().HasForeignKey(k => k.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);

        // Authentication finds a key by prefix before it knows the tenant.
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => new { k.TenantId, k.CreatedAt });
    }
}
