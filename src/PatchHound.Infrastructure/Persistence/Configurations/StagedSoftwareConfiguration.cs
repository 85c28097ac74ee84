using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Inventory;
using PatchHound.Infrastructure.Ingestion.Staging;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class StagedSoftwareConfiguration : IEntityTypeConfiguration<StagedSoftware>
{
    public void Configure(EntityTypeBuilder<StagedSoftware> builder)
    {
        // The export has one row per software version and CVE: a run keeps one row per software version.
        builder.HasKey(s => new { s.TenantId, s.RunId, s.DeviceExternalId, s.Vendor, s.Name, s.Version });
        builder.Property(s => s.DeviceExternalId).HasMaxLength(Device.ExternalIdMaxLength);
        builder.Property(s => s.Vendor).HasMaxLength(InstalledSoftware.VendorMaxLength);
        builder.Property(s => s.Name).HasMaxLength(InstalledSoftware.NameMaxLength);
        builder.Property(s => s.Version).HasMaxLength(InstalledSoftware.VersionMaxLength);
        builder.Property(s => s.ChangeStatus).HasMaxLength(16);
    }
}
