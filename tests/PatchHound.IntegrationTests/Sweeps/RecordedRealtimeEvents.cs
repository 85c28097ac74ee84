using System.Collections.Concurrent;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>Keeps what a sweep published, so a test can compare it with what the sweep wrote. Thread-safe.</summary>
internal sealed class RecordedRealtimeEvents : IRealtimeEvents
{
    private readonly ConcurrentQueue<Notification> notifications = new();

    public IReadOnlyList<Notification> Notifications => [.. notifications];

    public Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken)
    {
        notifications.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task IngestionRunChangedAsync(IngestionRun run, CancellationToken cancellationToken) => Task.CompletedTask;
}
