using System.Text.Json;
using PatchHound.Core.Notifications;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>Payload of <see cref="RealtimeEventNames.Notification"/>: the notification as the API lists it.</summary>
public sealed record NotificationEvent(
    Guid Id, Guid TenantId, Guid? RecipientUserId, string Kind, JsonElement Payload, DateTimeOffset CreatedAt)
{
    public static NotificationEvent From(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new NotificationEvent(
            notification.Id,
            notification.TenantId,
            notification.RecipientUserId,
            notification.Kind.ToString(),
            JsonSerializer.Deserialize<JsonElement>(notification.Payload),
            notification.CreatedAt);
    }
}
