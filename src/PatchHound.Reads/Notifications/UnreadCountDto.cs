namespace PatchHound.Reads.Notifications;

/// <param name="Unread">The caller's unread notifications in the tenant, tenant-wide ones included.</param>
internal sealed record UnreadCountDto(int Unread);
