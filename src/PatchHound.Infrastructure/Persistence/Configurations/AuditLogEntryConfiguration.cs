using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Audit;
using PatchHound.Core.Common;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(e => e.Actor).HasMaxLength(Limits.Actor).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(Limits.Code).IsRequired();
        builder.Property(e => e.EntityType).HasMaxLength(Limits.Code).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(Limits.Key).IsRequired();
        builder.Property(e => e.Before).HasColumnType("jsonb");
        builder.Property(e => e.After).HasColumnType("jsonb");
        builder.Property(e => e.CorrelationId).HasMaxLength(Limits.Code);

        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.HasIndex(e => new { e.TenantId, e.EntityType, e.EntityId });
    }
}
