using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>Until a host adds the SignalR publisher: events go nowhere.</summary>
internal sealed class NoRealtimeEvents : IRealtimeEvents
{
    public Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task IngestionRunChangedAsync(IngestionRun run, CancellationToken cancellationToken) => Task.CompletedTask;
}
