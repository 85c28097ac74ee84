using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Approvals;
using PatchHound.Core.Common;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.HasXminConcurrencyToken();
        builder.Property(a => a.Kind).StoredAsText();
        builder.Property(a => a.ApproverRole).StoredAsText();
        builder.Property(a => a.Status).StoredAsText();
        builder.Property(a => a.VulnerabilityId).HasMaxLength(CveId.MaxLength);
        builder.Property(a => a.Justification).HasMaxLength(Limits.LongText).IsRequired();
        builder.Property(a => a.DecisionComment).HasMaxLength(Limits.LongText);

        builder.HasTenantReference<ApprovalRequest, Finding>(nameof(ApprovalRequest.FindingId), DeleteBehavior.Cascade);
        builder.HasOne<Vulnerability>().WithMany().HasForeignKey(a => a.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.DecidedByUserId).OnDelete(DeleteBehavior.Restrict);

        // Expiry sweeps: pending requests past their deadline.
        builder.HasIndex(a => new { a.TenantId, a.Status, a.ExpiresAt });
        // Due tenants of the expiry sweep, across tenants: pending requests by deadline.
        builder.HasIndex(a => new { a.ExpiresAt, a.TenantId })
            .HasFilter($"status = '{nameof(ApprovalStatus.Pending)}'")
            .HasDatabaseName(DueIndexes.PendingApprovals);
        builder.HasIndex(a => new { a.TenantId, a.FindingId });
        builder.HasIndex(a => new { a.TenantId, a.VulnerabilityId });
    }
}
