using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Identity;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;
using PatchHound.ServiceDefaults;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>
/// Publishes through the hub context: with the Redis backplane, to the connections of every API replica, whichever
/// process (API or worker) raises the event.
/// </summary>
internal sealed class SignalRRealtimeEvents(
    IHubContext<NotificationsHub> hub, IOptions<RealtimeOptions> options, ILogger<SignalRRealtimeEvents> logger) : IRealtimeEvents
{
    public Task NotificationCreatedAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var group = notification.RecipientUserId is { } recipient
            ? RealtimeGroups.TenantUser(notification.TenantId, recipient)
            : RealtimeGroups.Tenant(notification.TenantId);
        return SendAsync(notification.TenantId, group, RealtimeEventNames.Notification, NotificationEvent.From(notification), cancellationToken);
    }

    public Task CaseAssignedAsync(Guid tenantId, Guid caseId, Guid assigneeUserId, CancellationToken cancellationToken) =>
        SendAsync(
            tenantId,
            RealtimeGroups.TenantUser(tenantId, assigneeUserId),
            RealtimeEventNames.CaseAssigned,
            new CaseAssignedEvent(tenantId, caseId, assigneeUserId),
            cancellationToken);

    /// <summary>To the tenant's admins: the only role the ingestion runs API serves.</summary>
    public Task IngestionRunChangedAsync(IngestionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return SendAsync(
            run.TenantId,
            RealtimeGroups.TenantRole(run.TenantId, TenantRole.TenantAdmin),
            RealtimeEventNames.IngestionRun,
            IngestionRunEvent.From(run),
            cancellationToken);
    }

    /// <summary>Each send is a producer span <c>realtime.&lt;event&gt;</c> of the tenant; its edition comes from the parent span.</summary>
    private async Task SendAsync(Guid tenantId, string group, string eventName, object payload, CancellationToken cancellationToken)
    {
        using var span = TenantTelemetry.Source.StartActivity($"realtime.{eventName}", ActivityKind.Producer);
        span?.SetTag(TenantTelemetry.TenantIdAttribute, tenantId.ToString());
        span?.SetTag("patchhound.realtime.event", eventName);
        try
        {
            await hub.Clients.Group(group).SendAsync(eventName, payload, cancellationToken)
                .WaitAsync(options.Value.PublishTimeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Best effort by contract: the change is committed and readable through the API, so a lost event must
            // never fail the request or job that made it. The message only: Redis errors are the same every time.
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            logger.LogWarning("Realtime event {Event} for {Group} was not delivered: {Error}", eventName, group,
                $"{e.GetType().Name}: {e.Message}");
        }
    }
}
