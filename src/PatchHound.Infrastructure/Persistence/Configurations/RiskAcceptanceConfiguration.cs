using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Approvals;
using PatchHound.Core.Common;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class RiskAcceptanceConfiguration : IEntityTypeConfiguration<RiskAcceptance>
{
    public void Configure(EntityTypeBuilder<RiskAcceptance> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(r => r.Scope).StoredAsText();
        builder.Property(r => r.VulnerabilityId).HasMaxLength(CveId.MaxLength);
        builder.Property(r => r.Justification).HasMaxLength(Limits.LongText).IsRequired();

        builder.HasTenantReference<RiskAcceptance, ApprovalRequest>(nameof(RiskAcceptance.ApprovalRequestId), DeleteBehavior.Cascade);
        builder.HasTenantReference<RiskAcceptance, Finding>(nameof(RiskAcceptance.FindingId), DeleteBehavior.Cascade);
        builder.HasTenantReference<RiskAcceptance, Device>(nameof(RiskAcceptance.DeviceId), DeleteBehavior.Cascade);
        builder.HasOne<Vulnerability>().WithMany().HasForeignKey(r => r.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);

        // One acceptance per approved request, so granting twice fails instead of duplicating.
        builder.HasIndex(r => new { r.TenantId, r.ApprovalRequestId }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.ExpiresAt });
        builder.HasIndex(r => new { r.TenantId, r.FindingId });
        builder.HasIndex(r => new { r.TenantId, r.VulnerabilityId });
        builder.HasIndex(r => new { r.TenantId, r.DeviceId });
    }
}
