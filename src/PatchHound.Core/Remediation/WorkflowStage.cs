namespace PatchHound.Core.Remediation;

public enum WorkflowStage
{
    Triage,
    Remediation,
    Verification,
    Escalated,
    Done,
}
