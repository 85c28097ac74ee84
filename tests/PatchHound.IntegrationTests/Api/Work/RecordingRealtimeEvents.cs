using System.Collections.Concurrent;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Keeps what the API published, to check what is pushed and that it is pushed only after the commit.</summary>
internal sealed class RecordingRealtimeEvents(Func<Guid, bool> committed) : IRealtimeEvents
{
    public ConcurrentQueue<string> Events { get; } = new();

    public Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken)
    {
        Events.Enqueue($"notification {notification.Id} {notification.Kind} to {notification.RecipientUserId} committed={committed(notification.Id)}");
        return Task.CompletedTask;
    }

    public Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, CancellationToken cancellationToken)
    {
        Events.Enqueue($"case {caseId} of {tenantId} assigned to {assigneeUserId}");
        return Task.CompletedTask;
    }

    public Task IngestionRunChangedAsync(IngestionRun run, CancellationToken cancellationToken) => Task.CompletedTask;
}
