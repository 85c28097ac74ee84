using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Audit;

/// <summary>Append-only record of a change inside a tenant: who did what to which entity, with before and after.</summary>
public sealed class AuditLogEntry : ITenantOwned
{
    private AuditLogEntry()
    {
        Actor = string.Empty;
        Action = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
    }

    public AuditLogEntry(
        Guid tenantId,
        string actor,
        string action,
        string entityType,
        string entityId,
        string? before,
        string? after,
        DateTimeOffset at,
        string? correlationId)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Actor = Guard.Text(actor, Limits.Actor, "audit.invalid_actor", "Actor");
        Action = Guard.Text(action, Limits.Code, "audit.invalid_action", "Action");
        EntityType = Guard.Text(entityType, Limits.Code, "audit.invalid_entity_type", "EntityType");
        EntityId = Guard.Text(entityId, Limits.Key, "audit.invalid_entity_id", "EntityId");
        Before = JsonText.Optional(before, "audit.invalid_json", "Before");
        After = JsonText.Optional(after, "audit.invalid_json", "After");
        At = at.Utc();
        CorrelationId = Guard.OptionalText(correlationId, Limits.Code, "audit.invalid_correlation_id", "CorrelationId");
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Actor { get; private set; }

    /// <summary>What happened, as <c>entity.verb</c>, e.g. <c>finding.resolved</c>.</summary>
    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    /// <summary>JSON snapshot before the change; null for a creation.</summary>
    public string? Before { get; private set; }

    /// <summary>JSON snapshot after the change; null for a deletion.</summary>
    public string? After { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? CorrelationId { get; private set; }
}
