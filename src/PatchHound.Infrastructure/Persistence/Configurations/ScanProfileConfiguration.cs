using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Scanning;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class ScanProfileConfiguration : IEntityTypeConfiguration<ScanProfile>
{
    public void Configure(EntityTypeBuilder<ScanProfile> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(p => p.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(p => p.CronSchedule).HasMaxLength(Limits.Cron).IsRequired();
        builder.Property(p => p.TargetDeviceIds).IsRequired();

        builder.HasIndex(p => new { p.TenantId, p.Name }).IsUnique();
        // Due tenants of the scan scheduler, across tenants: enabled profiles whose next slot has come (or is unknown).
        builder.HasIndex(p => new { p.NextSlotAt, p.TenantId }).HasFilter("enabled").HasDatabaseName(DueIndexes.ScanProfilesNextSlot);
    }
}
