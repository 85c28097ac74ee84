namespace PatchHound.Core.Remediation;

public enum RemediationCaseStatus
{
    Open,
    InProgress,
    Resolved,
    Closed,
}
