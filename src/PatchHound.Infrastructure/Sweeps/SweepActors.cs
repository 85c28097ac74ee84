namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Who the audit log says made a change, when a sweep made it.</summary>
public static class SweepActors
{
    public const string WorkflowTimeouts = "system:workflow-timeouts";
    public const string ApprovalExpiry = "system:approval-expiry";
}
