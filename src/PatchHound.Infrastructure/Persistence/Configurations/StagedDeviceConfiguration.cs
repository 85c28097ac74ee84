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
    }
}
