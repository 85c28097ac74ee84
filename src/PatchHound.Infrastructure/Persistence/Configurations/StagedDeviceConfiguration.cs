using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Inventory;
using PatchHound.Infrastructure.Ingestion.Staging;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class StagedDeviceConfiguration : IEntityTypeConfiguration<StagedDevice>
{
    /// <summary>A unique violation on this key means the source sent one device twice in a run.</summary>
    public const string PrimaryKey = "pk_staged_devices";

    public void Configure(EntityTypeBuilder<StagedDevice> builder)
    {
        builder.HasKey(d => new { d.TenantId, d.RunId, d.ExternalId }).HasName(PrimaryKey);
        builder.Property(d => d.ExternalId).HasMaxLength(Device.ExternalIdMaxLength);
        builder.Property(d => d.Name).HasMaxLength(Limits.Name);
        builder.Property(d => d.OsPlatform).HasMaxLength(Device.OsPlatformMaxLength);
        builder.Property(d => d.OsVersion).HasMaxLength(Device.OsVersionMaxLength);
        builder.Property(d => d.RbacGroupId).HasMaxLength(Device.RbacGroupIdMaxLength);
        builder.Property(d => d.RbacGroupName).HasMaxLength(Limits.Name);
        builder.Property(d => d.AadDeviceId).HasMaxLength(Device.AadDeviceIdMaxLength);
        builder.Property(d => d.DeviceValue).HasMaxLength(Limits.EnumText);
        builder.Property(d => d.OnboardingStatus).HasMaxLength(Limits.EnumText);
        builder.Property(d => d.LastIpAddress).HasMaxLength(Device.IpAddressMaxLength);
        builder.Property(d => d.OsArchitecture).HasMaxLength(Device.OsArchitectureMaxLength);
    }
}
