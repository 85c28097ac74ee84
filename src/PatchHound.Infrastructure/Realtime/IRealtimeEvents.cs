using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>
/// Events pushed to connected users. Called after the change is committed; delivery is best effort (a user who is
/// not connected reads the same state through the API). Implementations never fail the caller: an event that
/// cannot be delivered (Redis down, a timeout) is logged and dropped; only the caller's own cancellation throws.
/// </summary>
public interface IRealtimeEvents
{
    Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken);

    Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, CancellationToken cancellationToken);

    Task IngestionRunChangedAsync(IngestionRun run, CancellationToken cancellationToken);
}
