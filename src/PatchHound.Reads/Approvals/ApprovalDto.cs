using PatchHound.Core.Approvals;
using PatchHound.Core.Identity;

namespace PatchHound.Reads.Approvals;

/// <summary>
/// An approval request. <c>Status</c> is as stored: a pending request past <c>ExpiresAt</c> can no longer be
/// decided and turns Expired at the next approval-expiry sweep.
/// </summary>
public sealed record ApprovalDto(
    Guid Id,
    ApprovalKind Kind,
    ApprovalStatus Status,
    Guid RequestedByUserId,
    TenantRole ApproverRole,
    Guid? FindingId,
    string? VulnerabilityId,
    string Justification,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DecidedAt,
    Guid? DecidedByUserId,
    string? DecisionComment,
    Guid? RiskAcceptanceId,
    uint Version)
{
    internal static ApprovalDto From(ApprovalRequest a, Guid? riskAcceptanceId, uint version) => new(
        a.Id, a.Kind, a.Status, a.RequestedByUserId, a.ApproverRole, a.FindingId, a.VulnerabilityId, a.Justification,
        a.RequestedAt, a.ExpiresAt, a.DecidedAt, a.DecidedByUserId, a.DecisionComment, riskAcceptanceId, version);
}
