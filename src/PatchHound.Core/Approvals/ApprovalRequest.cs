using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Approvals;

/// <summary>A request that someone other than the requester, holding the approver role, must decide before it expires.</summary>
public sealed class ApprovalRequest : ITenantOwned
{
    private ApprovalRequest()
    {
        Justification = string.Empty;
    }

    public ApprovalRequest(
        Guid tenantId,
        ApprovalKind kind,
        Guid requestedByUserId,
        TenantRole approverRole,
        Guid? findingId,
        string? vulnerabilityId,
        string justification,
        DateTimeOffset requestedAt,
        DateTimeOffset expiresAt)
    {
        Guard.After(expiresAt, requestedAt, "approval.invalid_expiry", "An approval request must expire after it is made.");

        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Kind = kind;
        RequestedByUserId = Guard.Id(requestedByUserId, "approval.requester_required", "RequestedByUserId");
        ApproverRole = approverRole;
        FindingId = findingId;
        VulnerabilityId = vulnerabilityId is null ? null : CveId.Normalize(vulnerabilityId);
        Justification = Guard.Text(justification, Limits.LongText, "approval.invalid_justification", "Justification");
        Status = ApprovalStatus.Pending;
        RequestedAt = requestedAt.Utc();
        ExpiresAt = expiresAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public ApprovalKind Kind { get; private set; }

    public Guid RequestedByUserId { get; private set; }

    /// <summary>The role an approver must hold; tenant admins may decide any request.</summary>
    public TenantRole ApproverRole { get; private set; }

    public ApprovalStatus Status { get; private set; }

    public Guid? FindingId { get; private set; }

    public string? VulnerabilityId { get; private set; }

    public string Justification { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid? DecidedByUserId { get; private set; }

    public string? DecisionComment { get; private set; }

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    public void Approve(Guid approverUserId, TenantRole approverRole, DateTimeOffset at, string? comment)
    {
        Guard.Rule(
            approverUserId != RequestedByUserId,
            "approval.self_approval",
            "The requester of an approval cannot approve it.");
        Decide(ApprovalStatus.Approved, approverUserId, approverRole, at, comment);
    }

    public void Deny(Guid approverUserId, TenantRole approverRole, DateTimeOffset at, string? comment) =>
        Decide(ApprovalStatus.Denied, approverUserId, approverRole, at, comment);

    public void Expire(DateTimeOffset now)
    {
        EnsurePending(ApprovalStatus.Expired);
        Guard.Rule(
            IsExpiredAt(now),
            "approval.not_yet_expired",
            $"This approval request expires at {ExpiresAt:O}; it cannot be expired before then.");
        Status = ApprovalStatus.Expired;
        DecidedAt = now.Utc();
    }

    private void Decide(ApprovalStatus decision, Guid approverUserId, TenantRole approverRole, DateTimeOffset at, string? comment)
    {
        EnsurePending(decision);
        Guard.Id(approverUserId, "approval.approver_required", "DecidedByUserId");
        Guard.Rule(
            approverRole == ApproverRole || approverRole == TenantRole.TenantAdmin,
            "approval.approver_role",
            $"This request needs an approver with the {ApproverRole} role.");
        Guard.Rule(
            !IsExpiredAt(at),
            "approval.expired",
            "This approval request has expired and can no longer be decided.");

        Status = decision;
        DecidedAt = at.Utc();
        DecidedByUserId = approverUserId;
        DecisionComment = Guard.OptionalText(comment, Limits.LongText, "approval.invalid_comment", "DecisionComment");
    }

    private void EnsurePending(ApprovalStatus to) =>
        Guard.Rule(
            Status == ApprovalStatus.Pending,
            "approval.invalid_transition",
            $"An approval request cannot move from {Status} to {to}.");
}
