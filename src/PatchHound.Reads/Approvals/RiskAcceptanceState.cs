namespace PatchHound.Reads.Approvals;

/// <summary>Where a risk acceptance stands now; each acceptance is in exactly one state.</summary>
public enum RiskAcceptanceState
{
    /// <summary>In force: not revoked and not yet past its end.</summary>
    Active,

    /// <summary>Ran to its end without being revoked.</summary>
    Expired,

    /// <summary>Ended early by a TenantAdmin.</summary>
    Revoked,
}
