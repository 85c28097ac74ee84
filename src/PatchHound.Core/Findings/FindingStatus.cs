namespace PatchHound.Core.Findings;

public enum FindingStatus
{
    Open,
    Resolved,
    RiskAccepted,
}
