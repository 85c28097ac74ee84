using PatchHound.Core.Approvals;

namespace PatchHound.Api.Approvals;

/// <summary>What the audit log keeps of a request (enums by name, like the approval-expiry sweep's entries).</summary>
internal static class ApprovalSnapshot
{
    public static object Of(ApprovalRequest a) => new
    {
        Kind = a.Kind.ToString(),
        Status = a.Status.ToString(),
        a.RequestedByUserId,
        a.FindingId,
        a.VulnerabilityId,
        a.Justification,
        a.ExpiresAt,
        a.DecidedAt,
        a.DecidedByUserId,
        a.DecisionComment,
    };
}
