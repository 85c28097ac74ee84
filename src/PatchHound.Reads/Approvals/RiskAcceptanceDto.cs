using PatchHound.Core.Approvals;

namespace PatchHound.Reads.Approvals;

public sealed record RiskAcceptanceDto(
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
    internal static RiskAcceptanceDto From(RiskAcceptance r, DateTimeOffset now) => new(
        r.Id, r.ApprovalRequestId, r.Scope, r.FindingId, r.VulnerabilityId, r.DeviceId, r.Justification, r.AcceptedAt, r.ExpiresAt,
        r.RevokedAt, StateAt(r, now));

    private static RiskAcceptanceState StateAt(RiskAcceptance r, DateTimeOffset now) =>
        r.RevokedAt is not null ? RiskAcceptanceState.Revoked
        : r.ExpiresAt <= now ? RiskAcceptanceState.Expired
        : RiskAcceptanceState.Active;
}
