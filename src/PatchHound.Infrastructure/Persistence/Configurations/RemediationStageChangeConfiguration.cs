using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Remediation;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class RemediationStageChangeConfiguration : IEntityTypeConfiguration<RemediationStageChange>
{
    public void Configure(EntityTypeBuilder<RemediationStageChange> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(s => s.FromStage).StoredAsText();
        builder.Property(s => s.ToStage).StoredAsText();
        builder.Property(s => s.ChangedBy).HasMaxLength(Limits.Actor).IsRequired();
        builder.Property(s => s.Reason).HasMaxLength(Limits.LongText);

        // The relationship to the case is configured from RemediationCase (it owns the navigation).
        builder.HasIndex(s => new { s.TenantId, s.CaseId, s.ChangedAt });
    }
}
