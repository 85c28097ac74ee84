namespace PatchHound.Infrastructure.Realtime;

/// <summary>Payload of <see cref="RealtimeEventNames.Subscribed"/>: the tenants whose events this connection receives.</summary>
public sealed record SubscribedEvent(IReadOnlyList<Guid> TenantIds);
