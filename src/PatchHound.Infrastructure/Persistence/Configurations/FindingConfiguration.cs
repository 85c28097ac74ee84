using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Sources;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    private const string SeverityRankProperty = "SeverityRank";

    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.HasXminConcurrencyToken();
        builder.Property(f => f.VulnerabilityId).HasMaxLength(CveId.MaxLength).IsRequired();
        builder.Property(f => f.ProductName).HasMaxLength(Finding.ProductNameMaxLength).IsRequired();
        builder.Property(f => f.ProductVersion).HasMaxLength(Finding.ProductVersionMaxLength);
        builder.Property(f => f.Status).StoredAsText();
        builder.Property(f => f.SourceSeverity).HasConversion<string>().HasMaxLength(Limits.EnumText);
        builder.Property(f => f.SourceCvssScore).HasPrecision(3, 1);
        builder.Property(f => f.ExploitabilityLevel).HasConversion<string>().HasMaxLength(Limits.EnumText);
        builder.Property(f => f.RecommendedSecurityUpdate).HasMaxLength(Limits.Name);
        builder.Property(f => f.RecommendedSecurityUpdateId).HasMaxLength(Finding.SecurityUpdateIdMaxLength);
        builder.Property(f => f.RecommendedSecurityUpdateUrl).HasMaxLength(Limits.Url);
        builder.Property(f => f.RecommendationReference).HasMaxLength(Finding.RecommendationReferenceMaxLength);

        builder.HasTenantReference<Finding, Device>(nameof(Finding.DeviceId), DeleteBehavior.Cascade);
        builder.HasTenantReference<Finding, SourceConfiguration>(nameof(Finding.SourceId), DeleteBehavior.Restrict);
        builder.HasOne<Vulnerability>().WithMany().HasForeignKey(f => f.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);

        // Its (TenantId, DeviceId) prefix also serves per-device lookups and the device foreign key.
        builder.HasIndex(f => new { f.TenantId, f.DeviceId, f.VulnerabilityId, f.ProductName }).IsUnique();
        builder.HasIndex(f => new { f.TenantId, f.Status, f.SlaDueAt });
        builder.HasIndex(f => new { f.TenantId, f.VulnerabilityId });
        // Due tenants of the acceptance-expiry sweep, across tenants: only risk-accepted findings, a small share.
        builder.HasIndex(f => new { f.TenantId, f.VulnerabilityId, f.DeviceId })
            .HasFilter($"status = '{nameof(FindingStatus.RiskAccepted)}'")
            .HasDatabaseName(DueIndexes.RiskAcceptedFindings);

        // Keyset paging of the findings list in its date orders: (tenant, key, id) serves both the sort and the cursor.
        builder.HasIndex(f => new { f.TenantId, f.SlaDueAt, f.Id });
        builder.HasIndex(f => new { f.TenantId, f.FirstSeenAt, f.Id });
        // The severity order: the rank of the effective severity, kept by the database (SeverityRankTriggers).
        builder.Property<short>(SeverityRankProperty).HasColumnName(SeverityRankTriggers.Column).HasDefaultValue(SeverityRankTriggers.Unranked)
            .ValueGeneratedOnAddOrUpdate();
        builder.HasIndex(nameof(Finding.TenantId), nameof(Finding.Status), SeverityRankProperty, nameof(Finding.Id));
        // Resolving what a source no longer reports: open findings of the source not seen since the run began.
        builder.HasIndex(f => new { f.TenantId, f.SourceId, f.Status, f.LastSeenAt });
        // Open findings per installed product (the software list).
        builder.HasIndex(f => new { f.TenantId, f.ProductName }).HasFilter($"status = '{nameof(FindingStatus.Open)}'");
    }
}
