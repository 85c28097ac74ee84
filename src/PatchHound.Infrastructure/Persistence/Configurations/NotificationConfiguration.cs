using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Core.Notifications;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    /// <summary>A unique violation on this index means the notification was already sent.</summary>
    public const string DedupeIndex = "ux_notifications_dedupe_key";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.Property(n => n.Kind).StoredAsText();
        builder.Property(n => n.DedupeKey).HasMaxLength(Limits.Key).IsRequired();
        builder.Property(n => n.Payload).HasColumnType("jsonb").IsRequired();
        builder.Ignore(n => n.IsRead);

        builder.HasOne<User>().WithMany().HasForeignKey(n => n.RecipientUserId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(n => new { n.TenantId, n.DedupeKey }).IsUnique().HasDatabaseName(DedupeIndex);
        builder.HasIndex(n => new { n.TenantId, n.RecipientUserId, n.ReadAt });
    }
}
