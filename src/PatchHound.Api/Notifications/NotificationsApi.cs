using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Reads.Notifications;
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
        notifications.MapGet("/unread-count", UnreadCountAsync).WithName("CountUnreadNotifications")
            .WithSummary("How many of the caller's notifications are unread (the web UI's bell)");
        notifications.MapGet("/{id:guid}", GetAsync).WithName("GetNotification").WithSummary("One of the caller's notifications");
        notifications.MapPost("/{id:guid}/read", MarkReadAsync).AllowTenantRoles(WorkRoles.Workers).WithName("MarkNotificationRead")
            .WithSummary("Mark one notification read (again changes nothing)");
        notifications.MapPost("/read-all", MarkAllReadAsync).AllowTenantRoles(WorkRoles.Workers).WithName("MarkAllNotificationsRead")
            .WithSummary("Mark all the caller's unread notifications read");
        return app;
    }

    private static async Task<Results<Ok<Page<NotificationDto>>, ProblemHttpResult>> ListAsync(
        bool? unread, int? limit, string? cursor, NotificationQueries queries, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        var after = Cursor.Decode<KeysetPosition>(cursor);
        return TypedResults.Ok(await queries.PageAsync(userId, unread, after, PageLimit.Of(limit), cancellationToken));
    }

    private static async Task<Results<Ok<UnreadCountDto>, ProblemHttpResult>> UnreadCountAsync(
        NotificationQueries queries, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        return TypedResults.Ok(new UnreadCountDto(await queries.UnreadCountAsync(userId, cancellationToken)));
    }

    private static async Task<Results<Ok<NotificationDto>, ProblemHttpResult>> GetAsync(
        Guid id, NotificationQueries queries, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        return await queries.GetAsync(userId, id, cancellationToken) is { } notification
            ? TypedResults.Ok(notification)
            : WorkProblems.NotFound("notification");
    }

    private static async Task<Results<Ok<NotificationDto>, ProblemHttpResult>> MarkReadAsync(
        Guid id, NotificationCommands commands, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        return await commands.MarkReadAsync(userId, id, cancellationToken) is { } notification
            ? TypedResults.Ok(notification)
            : WorkProblems.NotFound("notification");
    }

    private static async Task<Results<Ok<MarkedReadDto>, ProblemHttpResult>> MarkAllReadAsync(
        NotificationCommands commands, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return WorkProblems.NeedsUser();
        }

        return TypedResults.Ok(new MarkedReadDto(await commands.MarkAllReadAsync(userId, cancellationToken)));
    }
}
