using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Approvals;

/// <summary>An approved, time-boxed decision to live with a risk, for one finding, vulnerability or device.</summary>
public sealed class RiskAcceptance : ITenantOwned
{
    private RiskAcceptance()
    {
        Justification = string.Empty;
    }

    private RiskAcceptance(
        ApprovalRequest approval,
        RiskAcceptanceScope scope,
        Guid? findingId,
        string? vulnerabilityId,
        Guid? deviceId,
        DateTimeOffset acceptedAt,
        DateTimeOffset expiresAt)
    {
        Id = Ids.New();
        TenantId = approval.TenantId;
        ApprovalRequestId = approval.Id;
        Scope = scope;
        FindingId = findingId;
        VulnerabilityId = vulnerabilityId;
        DeviceId = deviceId;
        Justification = approval.Justification;
        AcceptedAt = acceptedAt.Utc();
        ExpiresAt = expiresAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ApprovalRequestId { get; private set; }

    public RiskAcceptanceScope Scope { get; private set; }

    public Guid? FindingId { get; private set; }

    public string? VulnerabilityId { get; private set; }

    public Guid? DeviceId { get; private set; }

    public string Justification { get; private set; }

    public DateTimeOffset AcceptedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static RiskAcceptance ForFinding(
        ApprovalRequest approval, Guid findingId, DateTimeOffset acceptedAt, DateTimeOffset expiresAt)
    {
        var target = Guard.Id(findingId, "risk_acceptance.target_required", "FindingId");
        return Grant(approval, RiskAcceptanceScope.Finding, target, null, null, acceptedAt, expiresAt);
    }

    public static RiskAcceptance ForVulnerability(
        ApprovalRequest approval, string vulnerabilityId, DateTimeOffset acceptedAt, DateTimeOffset expiresAt) =>
        Grant(approval, RiskAcceptanceScope.Vulnerability, null, CveId.Normalize(vulnerabilityId), null, acceptedAt, expiresAt);

    public static RiskAcceptance ForDevice(
        ApprovalRequest approval, Guid deviceId, DateTimeOffset acceptedAt, DateTimeOffset expiresAt)
    {
        var target = Guard.Id(deviceId, "risk_acceptance.target_required", "DeviceId");
        return Grant(approval, RiskAcceptanceScope.Device, null, null, target, acceptedAt, expiresAt);
    }

    public bool IsActiveAt(DateTimeOffset now) =>
        AcceptedAt <= now && now < ExpiresAt && (RevokedAt is null || now < RevokedAt);

    /// <summary>Idempotent: the first revocation time stands.</summary>
    public void Revoke(DateTimeOffset at) => RevokedAt ??= at.Utc();

    private static RiskAcceptance Grant(
        ApprovalRequest approval,
        RiskAcceptanceScope scope,
        Guid? findingId,
        string? vulnerabilityId,
        Guid? deviceId,
        DateTimeOffset acceptedAt,
        DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(approval);
        Guard.Rule(
            approval is { Kind: ApprovalKind.RiskAcceptance, Status: ApprovalStatus.Approved },
            "risk_acceptance.not_approved",
            "A risk acceptance needs an approved risk-acceptance request.");
        Guard.After(expiresAt, acceptedAt, "risk_acceptance.invalid_expiry", "A risk acceptance must expire after it starts.");
        return new RiskAcceptance(approval, scope, findingId, vulnerabilityId, deviceId, acceptedAt, expiresAt);
    }
}
