using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Identity;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class TenantMembershipConfiguration : IEntityTypeConfiguration<TenantMembership>
{
    public void Configure(EntityTypeBuilder<TenantMembership> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(m => m.Role).StoredAsText();

        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        // Sign-in looks up a user's tenants before any tenant is in scope.
        builder.HasIndex(m => m.UserId);
    }
}
