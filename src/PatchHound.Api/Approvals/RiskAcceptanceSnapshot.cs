using PatchHound.Core.Approvals;

namespace PatchHound.Api.Approvals;

internal static class RiskAcceptanceSnapshot
{
    public static object Of(RiskAcceptance r) => new
    {
        r.ApprovalRequestId,
        Scope = r.Scope.ToString(),
        r.FindingId,
        r.VulnerabilityId,
        r.DeviceId,
        r.AcceptedAt,
        r.ExpiresAt,
        r.RevokedAt,
    };
}
