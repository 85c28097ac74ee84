namespace PatchHound.Core.Ai;

public enum AiRemediationStatus
{
    Pending,
    Claimed,
    Completed,
    Failed,
}
