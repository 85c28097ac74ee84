using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Infrastructure.Ingestion.Staging;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class StagedFindingConfiguration : IEntityTypeConfiguration<StagedFinding>
{
    public void Configure(EntityTypeBuilder<StagedFinding> builder)
    {
        // A source may list the same vulnerable software twice; the batch keeps one row.
        builder.HasKey(f => new { f.TenantId, f.RunId, f.DeviceExternalId, f.CveId, f.ProductName });
        builder.Property(f => f.DeviceExternalId).HasMaxLength(Device.ExternalIdMaxLength);
        builder.Property(f => f.CveId).HasMaxLength(32);
        builder.Property(f => f.ProductName).HasMaxLength(Finding.ProductNameMaxLength);
        builder.Property(f => f.ProductVersion).HasMaxLength(Finding.ProductVersionMaxLength);
        builder.Property(f => f.Vendor).HasMaxLength(Limits.Name);
        builder.Property(f => f.Severity).HasMaxLength(32);
        builder.Property(f => f.SourceCvssScore).HasPrecision(3, 1);
        builder.Property(f => f.ExploitabilityLevel).HasMaxLength(Limits.EnumText);
        builder.Property(f => f.RecommendedSecurityUpdate).HasMaxLength(Limits.Name);
        builder.Property(f => f.RecommendedSecurityUpdateId).HasMaxLength(Finding.SecurityUpdateIdMaxLength);
        builder.Property(f => f.RecommendedSecurityUpdateUrl).HasMaxLength(Limits.Url);
        builder.Property(f => f.RecommendationReference).HasMaxLength(Finding.RecommendationReferenceMaxLength);
        builder.Property(f => f.ChangeStatus).HasMaxLength(16);
    }
}
