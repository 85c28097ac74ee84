using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Notifications;

namespace PatchHound.Api.Notifications;

/// <summary>Marking a user's notifications read, audited; called by the REST endpoints and the notifications page.</summary>
internal sealed class NotificationCommands(PatchHoundDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Marks one read (again changes nothing); null when the user cannot see it.</summary>
    public async Task<NotificationDto?> MarkReadAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var notification = await NotificationQueries.VisibleTo(db, userId).SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return null;
        }

        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow());
            audit.Record("notification.read", nameof(Notification), notification.Id, new { ReadAt = (DateTimeOffset?)null }, new { notification.ReadAt });
            await db.SaveChangesAsync(cancellationToken);
        }

        return NotificationDto.From(notification);
    }

    /// <summary>One statement for any number of rows and one audit entry (entity: the user) for them, in one transaction.</summary>
    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await NotificationQueries.VisibleTo(db, userId).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (marked > 0)
        {
            audit.Record("notification.all_read", nameof(Notification), userId, null, new { ReadAt = now, Marked = marked });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return marked;
    }
}
