using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Notifications;

/// <summary>
/// A user's notifications in the entered tenant: those addressed to them and those addressed to the whole tenant
/// (one read state, shared by the tenant's users). Another user's notification is not found, like another tenant's.
/// </summary>
internal sealed class NotificationQueries(PatchHoundDbContext db)
{
    public static IQueryable<Notification> VisibleTo(PatchHoundDbContext db, Guid userId) =>
        db.Notifications.Where(n => n.RecipientUserId == userId || n.RecipientUserId == null);

    /// <summary>Newest first; <paramref name="unread"/> true for unread only, false for read only.</summary>
    public async Task<Page<NotificationDto>> PageAsync(
        Guid userId, bool? unread, KeysetPosition? after, int take, CancellationToken cancellationToken)
    {
        var query = VisibleTo(db, userId).AsNoTracking();
        query = unread switch
        {
            true => query.Where(n => n.ReadAt == null),
            false => query.Where(n => n.ReadAt != null),
            null => query,
        };
        if (after is not null)
        {
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take + 1).ToListAsync(cancellationToken);
        return KeysetPage.Of(rows, take, NotificationDto.From, n => new KeysetPosition(n.CreatedAt, n.Id));
    }

    public async Task<NotificationDto?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var notification = await VisibleTo(db, userId).AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        return notification is null ? null : NotificationDto.From(notification);
    }

    /// <summary>What the bell in the header shows.</summary>
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken) =>
        VisibleTo(db, userId).CountAsync(n => n.ReadAt == null, cancellationToken);
}
