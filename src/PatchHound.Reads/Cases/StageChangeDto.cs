using PatchHound.Core.Remediation;

namespace PatchHound.Reads.Cases;

internal sealed record StageChangeDto(
    Guid Id, WorkflowStage FromStage, WorkflowStage ToStage, DateTimeOffset ChangedAt, string ChangedBy, string? Reason)
{
    public static StageChangeDto From(RemediationStageChange s) => new(s.Id, s.FromStage, s.ToStage, s.ChangedAt, s.ChangedBy, s.Reason);
}
