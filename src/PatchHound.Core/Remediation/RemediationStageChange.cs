using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Remediation;

/// <summary>History of a case: one row per stage change, never edited.</summary>
public sealed class RemediationStageChange : ITenantOwned
{
    private RemediationStageChange()
    {
        ChangedBy = string.Empty;
    }

    internal RemediationStageChange(
        Guid tenantId,
        Guid caseId,
        WorkflowStage fromStage,
        WorkflowStage toStage,
        DateTimeOffset changedAt,
        string changedBy,
        string? reason)
    {
        Id = Ids.New();
        TenantId = tenantId;
        CaseId = caseId;
        FromStage = fromStage;
        ToStage = toStage;
        ChangedAt = changedAt.Utc();
        ChangedBy = Guard.Text(changedBy, Limits.Actor, "remediation.invalid_actor", "ChangedBy");
        Reason = Guard.OptionalText(reason, Limits.LongText, "remediation.invalid_reason", "Reason");
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CaseId { get; private set; }

    public WorkflowStage FromStage { get; private set; }

    public WorkflowStage ToStage { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>
    /// Who moved the case: a user id, an API key prefix, or a system actor such as
    /// <see cref="RemediationCase.EscalationActor"/>.
    /// </summary>
    public string ChangedBy { get; private set; }

    public string? Reason { get; private set; }
}
