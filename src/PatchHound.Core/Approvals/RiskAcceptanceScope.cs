namespace PatchHound.Core.Approvals;

public enum RiskAcceptanceScope
{
    Finding,
    Vulnerability,
    Device,
}
