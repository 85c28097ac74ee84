using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(d => d.ExternalId).HasMaxLength(Device.ExternalIdMaxLength).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(d => d.OsPlatform).HasMaxLength(Device.OsPlatformMaxLength).IsRequired();
        builder.Property(d => d.OsVersion).HasMaxLength(Device.OsVersionMaxLength);
        builder.Property(d => d.Criticality).StoredAsText();
        builder.Property(d => d.Tags).IsRequired();
        builder.Property(d => d.RiskScore).HasPrecision(5, 2);
        builder.Property(d => d.RbacGroupId).HasMaxLength(Device.RbacGroupIdMaxLength);
        builder.Property(d => d.RbacGroupName).HasMaxLength(Limits.Name);
        builder.Property(d => d.AadDeviceId).HasMaxLength(Device.AadDeviceIdMaxLength);
        builder.Property(d => d.DeviceValue).HasMaxLength(Limits.EnumText);
        builder.Property(d => d.OnboardingStatus).HasMaxLength(Limits.EnumText);
        builder.Property(d => d.LastIpAddress).HasMaxLength(Device.IpAddressMaxLength);
        builder.Property(d => d.OsArchitecture).HasMaxLength(Device.OsArchitectureMaxLength);

        builder.HasTenantReference<Device, SourceConfiguration>(nameof(Device.SourceId), DeleteBehavior.Restrict);

        builder.HasIndex(d => new { d.TenantId, d.SourceId, d.ExternalId }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.LastSeenAt });
    }
}
