using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>
/// Events pushed to connected users. Called after the change is committed; delivery is best effort (a user who is
/// not connected reads the same state through the API).
/// </summary>
public interface IRealtimeEvents
{
    Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken);

    Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, CancellationToken cancellationToken);

    Task IngestionRunChangedAsync(IngestionRun run, CancellationToken cancellationToken);
}
