using PatchHound.Core.Approvals;

namespace PatchHound.Api.Approvals;

internal static class RiskAcceptanceSnapshot
{
    /// <summary>The acceptance after a revocation, with the revoker's reason when one was given.</summary>
    public static object Revoked(RiskAcceptance r, string? reason) => reason is null ? Of(r) : new
    {
        r.ApprovalRequestId,
        Scope = r.Scope.ToString(),
        r.FindingId,
        r.VulnerabilityId,
        r.DeviceId,
        r.AcceptedAt,
        r.ExpiresAt,
        r.RevokedAt,
        Reason = reason,
    };

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
