using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Remediation;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(c => c.Author).HasMaxLength(Limits.Actor).IsRequired();
        builder.Property(c => c.Body).HasMaxLength(Limits.LongText).IsRequired();

        builder.HasOne<RemediationCase>().WithMany()
            .HasForeignKey(c => new { c.TenantId, c.CaseId })
            .HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TenantId, c.CaseId, c.CreatedAt });
    }
}
