using PatchHound.Api.Auth;
using PatchHound.Api.Notifications;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The notifications page's writes: <see cref="NotificationCommands"/> behind the REST endpoints' role rule.</summary>
internal sealed class WebUiNotifications(
    NotificationCommands commands, CurrentCaller caller, PatchHoundDbContext db, IHttpContextAccessor accessor, ILogger<WebUiNotifications> logger)
    : IWebUiNotifications
{
    public async Task<WebUiOutcome> MarkReadAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        if (Refused() is { } refusal)
        {
            return refusal;
        }

        return await commands.MarkReadAsync(caller.UserId!.Value, notificationId, cancellationToken) is null
            ? new WebUiOutcome(StatusCodes.Status404NotFound, "Not found", "The notification does not exist.")
            : WebUiOutcome.Done;
    }

    public async Task<WebUiOutcome> MarkAllReadAsync(CancellationToken cancellationToken)
    {
        if (Refused() is { } refusal)
        {
            return refusal;
        }

        await commands.MarkAllReadAsync(caller.UserId!.Value, cancellationToken);
        return WebUiOutcome.Done;
    }

    private WebUiOutcome? Refused()
    {
        var user = accessor.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();
        if (caller.UserId is null || !TenantRouteFilter.RolesIn(user, db.Tenant.RequireTenantId()).Any(WorkRoles.Workers.Contains))
        {
            logger.LogWarning("Notification write from a page refused: the caller is not one of {Roles}", string.Join(", ", WorkRoles.Workers));
            return new WebUiOutcome(StatusCodes.Status403Forbidden, "Forbidden", $"This needs one of the roles {string.Join(", ", WorkRoles.Workers)} in the tenant.");
        }

        return null;
    }
}
