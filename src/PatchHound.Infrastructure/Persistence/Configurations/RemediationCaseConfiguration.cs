using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Core.Remediation;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class RemediationCaseConfiguration : IEntityTypeConfiguration<RemediationCase>
{
    public void Configure(EntityTypeBuilder<RemediationCase> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.HasXminConcurrencyToken();
        builder.Property(c => c.Title).HasMaxLength(Limits.Title).IsRequired();
        builder.Property(c => c.VulnerabilityId).HasMaxLength(CveId.MaxLength);
        builder.Property(c => c.FindingGroupKey).HasMaxLength(Limits.Key);
        builder.Property(c => c.Status).StoredAsText();
        builder.Property(c => c.Stage).StoredAsText();

        builder.HasMany(c => c.StageChanges)
            .WithOne()
            .HasForeignKey(s => new { s.TenantId, s.CaseId })
            .HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.StageChanges).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne<Vulnerability>().WithMany().HasForeignKey(c => c.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(c => new { c.TenantId, c.Status, c.Stage });
        // Escalation sweeps look for cases whose current stage is past due.
        builder.HasIndex(c => new { c.TenantId, c.Stage, c.StageDueAt });
        // Due tenants of the escalation sweep, across tenants: a range scan over overdue escalatable cases only.
        builder.HasIndex(c => new { c.StageDueAt, c.TenantId })
            .HasFilter(
                $"status <> '{nameof(RemediationCaseStatus.Closed)}' AND stage IN "
                + $"({string.Join(", ", RemediationCase.EscalatableStages.Select(s => $"'{s}'"))})")
            .HasDatabaseName(DueIndexes.EscalatableCases);
        builder.HasIndex(c => new { c.TenantId, c.AssigneeUserId });
        builder.HasIndex(c => new { c.TenantId, c.VulnerabilityId });
        builder.HasIndex(c => new { c.TenantId, c.FindingGroupKey });
    }
}
