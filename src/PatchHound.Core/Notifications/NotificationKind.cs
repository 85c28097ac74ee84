namespace PatchHound.Core.Notifications;

public enum NotificationKind
{
    SlaDueSoon,
    SlaBreached,
    ApprovalExpired,
    ApprovalDecided,
    CaseAssigned,
    CaseEscalated,
    IngestionCompleted,
    IngestionFailed,
}
