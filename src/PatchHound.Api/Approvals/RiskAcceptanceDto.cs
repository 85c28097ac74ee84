using PatchHound.Core.Approvals;

namespace PatchHound.Api.Approvals;

internal sealed record RiskAcceptanceDto(
    Guid Id,
    Guid ApprovalRequestId,
    RiskAcceptanceScope Scope,
    Guid? FindingId,
    string? VulnerabilityId,
    Guid? DeviceId,
    string Justification,
    DateTimeOffset AcceptedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    RiskAcceptanceState State)
{
    public static RiskAcceptanceDto From(RiskAcceptance r, DateTimeOffset now) => new(
        r.Id, r.ApprovalRequestId, r.Scope, r.FindingId, r.VulnerabilityId, r.DeviceId, r.Justification, r.AcceptedAt, r.ExpiresAt,
        r.RevokedAt, StateAt(r, now));

    private static RiskAcceptanceState StateAt(RiskAcceptance r, DateTimeOffset now) =>
        r.RevokedAt is not null ? RiskAcceptanceState.Revoked
        : r.ExpiresAt <= now ? RiskAcceptanceState.Expired
        : RiskAcceptanceState.Active;
}
