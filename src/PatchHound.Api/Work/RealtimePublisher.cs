using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.Api.Work;

/// <summary>
/// Pushes events after their change is committed. Delivery is best effort: a failed push must not turn a
/// committed change into an error response (the user reads the same state through the API).
/// </summary>
internal sealed class RealtimePublisher(IRealtimeEvents events, ILogger<RealtimePublisher> logger)
{
    public async Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, Notification notification, CancellationToken cancellationToken)
    {
        await PublishAsync("case assignment", () => events.CaseAssignedAsync(tenantId, caseId, assigneeUserId, cancellationToken));
        await NotificationCreatedAsync(notification, cancellationToken);
    }

    public Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken) =>
        PublishAsync("notification", () => events.NotificationCreatedAsync(notification, cancellationToken));

    private async Task PublishAsync(string what, Func<Task> publish)
    {
        try
        {
            await publish();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not push the {Event} event; clients will see the change on their next read", what);
        }
    }
}
