namespace PatchHound.Core.Approvals;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
}
