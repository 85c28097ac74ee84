using PatchHound.Core.Remediation;

namespace PatchHound.Reads.Cases;

/// <summary>A remediation case as lists show it. <c>Version</c> goes back in <c>If-Match</c> to guard a change.</summary>
internal sealed record CaseSummaryDto(
    Guid Id,
    string Title,
    string? VulnerabilityId,
    string? FindingGroupKey,
    Guid? AssigneeUserId,
    RemediationCaseStatus Status,
    WorkflowStage Stage,
    DateTimeOffset? StageDueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static CaseSummaryDto From(RemediationCase c, uint version) => new(
        c.Id, c.Title, c.VulnerabilityId, c.FindingGroupKey, c.AssigneeUserId, c.Status, c.Stage, c.StageDueAt, c.CreatedAt,
        c.UpdatedAt, version);
}
