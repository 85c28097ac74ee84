namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Dedupe keys of the notifications the sweeps and the API send; unique per tenant, so a sweep that runs twice cannot
/// notify twice. The SLA keys are built in SQL by <see cref="SlaCheck"/>.
/// </summary>
public static class NotificationKeys
{
    /// <summary>One per stage change, so a case escalated again after going back to work is notified again.</summary>
    public static string CaseEscalated(Guid caseId, Guid stageChangeId) => $"case:{caseId}:escalated:{stageChangeId}";

    /// <summary>One per assignment (its id is fresh each time), so assigning the same user again notifies again.</summary>
    public static string CaseAssigned(Guid caseId, Guid assignmentId) => $"case:{caseId}:assigned:{assignmentId}";

    /// <summary>A request is decided once, so one key per request.</summary>
    public static string ApprovalDecided(Guid approvalRequestId) => $"approval:{approvalRequestId}:decided";

    public static string ApprovalExpired(Guid approvalRequestId) => $"approval:{approvalRequestId}:expired";

    public static string RiskAcceptanceExpired(Guid riskAcceptanceId) => $"risk-acceptance:{riskAcceptanceId}:expired";
}
