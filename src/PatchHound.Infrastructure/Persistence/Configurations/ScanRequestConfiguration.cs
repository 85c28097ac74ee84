using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Scanning;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class ScanRequestConfiguration : IEntityTypeConfiguration<ScanRequest>
{
    /// <summary>A unique violation on this index means the slot was already requested.</summary>
    public const string OneRequestPerSlotIndex = "ux_scan_requests_profile_slot";

    public void Configure(EntityTypeBuilder<ScanRequest> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(r => r.Status).StoredAsText();

        builder.HasTenantReference<ScanRequest, ScanProfile>(nameof(ScanRequest.ScanProfileId), DeleteBehavior.Cascade);

        builder.HasIndex(r => new { r.TenantId, r.ScanProfileId, r.ScheduledSlot })
            .IsUnique()
            .HasDatabaseName(OneRequestPerSlotIndex);
        builder.HasIndex(r => new { r.TenantId, r.Status });
    }
}
