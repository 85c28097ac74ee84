namespace PatchHound.Infrastructure.Realtime;

/// <summary>Payload of <see cref="RealtimeEventNames.CaseAssigned"/>; the client reads the case through the API.</summary>
public sealed record CaseAssignedEvent(Guid TenantId, Guid CaseId, Guid AssigneeUserId);
