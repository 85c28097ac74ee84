using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class IngestionCheckpointConfiguration : IEntityTypeConfiguration<IngestionCheckpoint>
{
    public void Configure(EntityTypeBuilder<IngestionCheckpoint> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(c => c.Phase).HasMaxLength(IngestionRun.PhaseMaxLength).IsRequired();
        builder.Property(c => c.Cursor).HasMaxLength(IngestionCheckpoint.CursorMaxLength);

        builder.HasTenantReference<IngestionCheckpoint, IngestionRun>(nameof(IngestionCheckpoint.RunId), DeleteBehavior.Cascade);

        // One checkpoint per run (run ids are unique, so this is unique on RunId too).
        builder.HasIndex(c => new { c.TenantId, c.RunId }).IsUnique();
    }
}
