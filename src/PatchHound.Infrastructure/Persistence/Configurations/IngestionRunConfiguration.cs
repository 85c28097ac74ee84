using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class IngestionRunConfiguration : IEntityTypeConfiguration<IngestionRun>
{
    public const string OneActiveRunPerSourceIndex = IngestionRunIndexes.OneActivePerSource;

    public const string OneRunPerSlotIndex = IngestionRunIndexes.OnePerScheduledSlot;

    public void Configure(EntityTypeBuilder<IngestionRun> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.HasXminConcurrencyToken();
        builder.Property(r => r.Trigger).StoredAsText();
        builder.Property(r => r.Status).StoredAsText();
        builder.Property(r => r.Phase).HasMaxLength(IngestionRun.PhaseMaxLength);
        builder.Property(r => r.Error).HasMaxLength(Limits.LongText);
        builder.Property(r => r.PullMode).StoredAsText();
        builder.Property(r => r.PullNote).HasMaxLength(Limits.LongText);
        builder.Ignore(r => r.IsActive);
        // Locations only (listing, page, index, reason; at most MaxSkippedRecordsKept): JSON text, never queried into.
        builder.Property(r => r.SkippedRecords)
            .HasConversion(
                records => JsonSerializer.Serialize(records, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<SkippedRecord>>(json, JsonSerializerOptions.Web) ?? new List<SkippedRecord>(),
                new ValueComparer<IReadOnlyList<SkippedRecord>>(
                    (a, b) => a!.SequenceEqual(b!),
                    records => records.Count,
                    records => records.ToList()))
            .HasDefaultValueSql("'[]'");

        builder.HasTenantReference<IngestionRun, SourceConfiguration>(nameof(IngestionRun.SourceId), DeleteBehavior.Restrict);

        builder.HasIndex(r => new { r.TenantId, r.SourceId, r.QueuedAt });
        // Due tenants of the dispatcher's stranded-run check, across tenants: runs still queued, oldest first.
        builder.HasIndex(r => new { r.QueuedAt, r.TenantId })
            .HasFilter($"status = '{nameof(IngestionRunStatus.Queued)}'")
            .HasDatabaseName(DueIndexes.QueuedRuns);
        // At most one queued or running run per source: a second enqueue fails on this index.
        builder.HasIndex(r => new { r.TenantId, r.SourceId })
            .IsUnique()
            .HasFilter($"status IN ('{nameof(IngestionRunStatus.Queued)}','{nameof(IngestionRunStatus.Running)}')")
            .HasDatabaseName(OneActiveRunPerSourceIndex);
        // A cron slot is enqueued once, however many schedulers see it.
        builder.HasIndex(r => new { r.TenantId, r.SourceId, r.ScheduledSlot })
            .IsUnique()
            .HasFilter("scheduled_slot IS NOT NULL")
            .HasDatabaseName(OneRunPerSlotIndex);
    }
}
