using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasClientKey();
        builder.Property(t => t.Slug).HasMaxLength(Tenant.SlugMaxLength).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(t => t.Edition).StoredAsText();
        builder.Property(t => t.Status).StoredAsText();

        builder.OwnsOne(t => t.Settings, settings =>
        {
            settings.Property(s => s.IngestionRetryCount);
            settings.Property(s => s.TimeZone).HasMaxLength(TenantSettings.TimeZoneMaxLength).IsRequired();
        });
        builder.Navigation(t => t.Settings).IsRequired();

        builder.HasIndex(t => t.Slug).IsUnique();
    }
}
