namespace PatchHound.Core.Approvals;

public enum ApprovalKind
{
    RiskAcceptance,
    Exception,
}
