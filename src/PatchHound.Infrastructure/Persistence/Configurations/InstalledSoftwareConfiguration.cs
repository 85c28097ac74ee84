using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class InstalledSoftwareConfiguration : IEntityTypeConfiguration<InstalledSoftware>
{
    public void Configure(EntityTypeBuilder<InstalledSoftware> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(s => s.Vendor).HasMaxLength(InstalledSoftware.VendorMaxLength).IsRequired();
        builder.Property(s => s.Name).HasMaxLength(InstalledSoftware.NameMaxLength).IsRequired();
        builder.Property(s => s.Version).HasMaxLength(InstalledSoftware.VersionMaxLength).IsRequired();

        builder.HasTenantReference<InstalledSoftware, Device>(nameof(InstalledSoftware.DeviceId), DeleteBehavior.Cascade);
        builder.HasTenantReference<InstalledSoftware, SourceConfiguration>(nameof(InstalledSoftware.SourceId), DeleteBehavior.Restrict);

        builder.HasIndex(s => new { s.TenantId, s.DeviceId, s.Vendor, s.Name, s.Version }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.Vendor, s.Name });
    }
}
