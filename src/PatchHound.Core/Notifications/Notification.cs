using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Notifications;

/// <summary>
/// Something a user (or, without a recipient, the whole tenant) should know. The dedupe key is unique per
/// tenant, so a job that runs twice cannot notify twice.
/// </summary>
public sealed class Notification : ITenantOwned
{
    private Notification()
    {
        DedupeKey = string.Empty;
        Payload = string.Empty;
    }

    public Notification(
        Guid tenantId,
        Guid? recipientUserId,
        NotificationKind kind,
        string dedupeKey,
        string payload,
        DateTimeOffset createdAt)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        RecipientUserId = recipientUserId;
        Kind = kind;
        DedupeKey = Guard.Text(dedupeKey, Limits.Key, "notification.invalid_dedupe_key", "DedupeKey");
        Payload = JsonText.Required(payload, "notification.invalid_payload", "Payload");
        CreatedAt = createdAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Null for a notification addressed to the tenant as a whole.</summary>
    public Guid? RecipientUserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string DedupeKey { get; private set; }

    /// <summary>JSON document with the details the message is rendered from.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>Idempotent: the first read time stands.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at.Utc();
}
