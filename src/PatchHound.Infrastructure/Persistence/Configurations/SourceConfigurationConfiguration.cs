using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class SourceConfigurationConfiguration : IEntityTypeConfiguration<SourceConfiguration>
{
    public void Configure(EntityTypeBuilder<SourceConfiguration> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(s => s.Kind).StoredAsText();
        builder.Property(s => s.PullMode).StoredAsText();
        builder.Property(s => s.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(s => s.CronSchedule).HasMaxLength(Limits.Cron).IsRequired();
        builder.Property(s => s.BaseUrl).HasMaxLength(Limits.Url).IsRequired();
        builder.Property(s => s.CredentialReference).HasMaxLength(SecretReference.MaxLength);

        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
        // Due tenants of the ingestion dispatcher, across tenants: enabled sources whose next slot has come (or is unknown).
        builder.HasIndex(s => new { s.NextSlotAt, s.TenantId }).HasFilter("enabled").HasDatabaseName(DueIndexes.SourcesNextSlot);
    }
}
