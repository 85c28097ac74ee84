using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Notifications;

/// <summary>
/// The caller's notifications: those addressed to them and those addressed to the whole tenant. Another user's
/// notification is not found (404), like another tenant's. A tenant-wide notification has one read state, shared
/// by the tenant's users.
/// </summary>
internal static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapTenantGroup("/notifications").AllowTenantRoles(WorkRoles.Readers).WithTags("Notifications");
        notifications.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("The caller's notifications, newest first; unread=true for unread only");
        notifications.MapGet("/{id:guid}", GetAsync).WithName("GetNotification").WithSummary("One of the caller's notifications");
        notifications.MapPost("/{id:guid}/read", MarkReadAsync).AllowTenantRoles(WorkRoles.Workers).WithName("MarkNotificationRead")
            .WithSummary("Mark one notification read (again changes nothing)");
        notifications.MapPost("/read-all", MarkAllReadAsync).AllowTenantRoles(WorkRoles.Workers).WithName("MarkAllNotificationsRead")
            .WithSummary("Mark all the caller's unread notifications read");
        return app;
    }

    private static IQueryable<Notification> VisibleTo(PatchHoundDbContext db, Guid userId) =>
        db.Notifications.Where(n => n.RecipientUserId == userId || n.RecipientUserId == null);

    private static async Task<Results<Ok<Page<NotificationDto>>, ProblemHttpResult>> ListAsync(
        bool? unread, int? limit, string? cursor, PatchHoundDbContext db, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        var query = VisibleTo(db, userId).AsNoTracking();
        query = unread switch
        {
            true => query.Where(n => n.ReadAt == null),
            false => query.Where(n => n.ReadAt != null),
            null => query,
        };
        if (Cursor.Decode<KeysetPosition>(cursor) is { } after)
        {
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var take = PageLimit.Of(limit);
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(KeysetPage.Of(rows, take, NotificationDto.From, n => new KeysetPosition(n.CreatedAt, n.Id)));
    }

    private static async Task<Results<Ok<NotificationDto>, ProblemHttpResult>> GetAsync(
        Guid id, PatchHoundDbContext db, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        var notification = await VisibleTo(db, userId).AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        return notification is null ? WorkProblems.NotFound("notification") : TypedResults.Ok(NotificationDto.From(notification));
    }

    private static async Task<Results<Ok<NotificationDto>, ProblemHttpResult>> MarkReadAsync(
        Guid id, PatchHoundDbContext db, CurrentCaller caller, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        var notification = await VisibleTo(db, userId).SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return WorkProblems.NotFound("notification");
        }

        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow());
            audit.Record("notification.read", nameof(Notification), notification.Id, new { ReadAt = (DateTimeOffset?)null }, new { notification.ReadAt });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(NotificationDto.From(notification));
    }

    /// <summary>One statement for any number of rows and one audit entry (entity: the user) for them, in one transaction.</summary>
    private static async Task<Results<Ok<MarkedReadDto>, ProblemHttpResult>> MarkAllReadAsync(
        PatchHoundDbContext db, CurrentCaller caller, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await VisibleTo(db, userId).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (marked > 0)
        {
            audit.Record("notification.all_read", nameof(Notification), userId, null, new { ReadAt = now, Marked = marked });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new MarkedReadDto(marked));
    }
}
