using System.Text.Json;
using PatchHound.Core.Notifications;

namespace PatchHound.Reads.Notifications;

/// <summary>
/// A notification: <c>RecipientUserId</c> is the caller, or null when it is addressed to the whole tenant;
/// <c>Payload</c> holds the details the message is rendered from, shaped by <c>Kind</c>.
/// </summary>
internal sealed record NotificationDto(
    Guid Id, Guid? RecipientUserId, NotificationKind Kind, JsonElement Payload, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationDto From(Notification n)
    {
        using var payload = JsonDocument.Parse(n.Payload);
        return new(n.Id, n.RecipientUserId, n.Kind, payload.RootElement.Clone(), n.CreatedAt, n.ReadAt);
    }
}
