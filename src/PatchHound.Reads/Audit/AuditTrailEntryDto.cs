namespace PatchHound.Reads.Audit;

/// <summary>One line of an entity's audit trail: who did what, when (the before/after snapshots stay in the audit log API).</summary>
internal sealed record AuditTrailEntryDto(Guid Id, string Actor, string Action, string EntityType, DateTimeOffset At);
