using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Ai;
using PatchHound.Core.Common;
using PatchHound.Core.Findings;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class AiRemediationRequestConfiguration : IEntityTypeConfiguration<AiRemediationRequest>
{
    public void Configure(EntityTypeBuilder<AiRemediationRequest> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(r => r.VulnerabilityId).HasMaxLength(CveId.MaxLength);
        builder.Property(r => r.Prompt).HasMaxLength(AiRemediationRequest.PromptMaxLength).IsRequired();
        builder.Property(r => r.Status).StoredAsText();
        builder.Property(r => r.ClaimedBy).HasMaxLength(Limits.Actor);
        builder.Property(r => r.Error).HasMaxLength(Limits.LongText);

        builder.HasTenantReference<AiRemediationRequest, Finding>(nameof(AiRemediationRequest.FindingId), DeleteBehavior.Cascade);
        builder.HasOne<Vulnerability>().WithMany().HasForeignKey(r => r.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);

        // Workers claim the oldest pending request.
        builder.HasIndex(r => new { r.TenantId, r.Status, r.CreatedAt });
        builder.HasIndex(r => new { r.TenantId, r.FindingId });
        // The AI sweep's due tenants (DueTenantFunctions.AiRemediation): only unfinished requests are in it.
        builder.HasIndex(r => new { r.Status, r.ClaimedAt, r.TenantId })
            .HasFilter($"status IN ('{nameof(AiRemediationStatus.Pending)}', '{nameof(AiRemediationStatus.Claimed)}')");
    }
}
