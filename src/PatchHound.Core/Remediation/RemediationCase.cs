using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Remediation;

/// <summary>A unit of remediation work that moves through workflow stages, each change kept as history.</summary>
public sealed class RemediationCase : ITenantOwned
{
    public const string EscalationActor = "system:sla-escalation";

    private static readonly TransitionTable<WorkflowStage> Transitions = new(
        "remediation.invalid_transition",
        "remediation case",
        (WorkflowStage.Triage, WorkflowStage.Remediation),
        (WorkflowStage.Triage, WorkflowStage.Escalated),
        (WorkflowStage.Remediation, WorkflowStage.Verification),
        (WorkflowStage.Remediation, WorkflowStage.Escalated),
        (WorkflowStage.Verification, WorkflowStage.Done),
        (WorkflowStage.Verification, WorkflowStage.Remediation),
        (WorkflowStage.Escalated, WorkflowStage.Remediation),
        (WorkflowStage.Escalated, WorkflowStage.Done));

    private readonly List<RemediationStageChange> _stageChanges = [];

    /// <summary>Stages a past-due case escalates from (see <see cref="EscalateIfOverdue"/>); sweeps query by them.</summary>
    public static IReadOnlyList<WorkflowStage> EscalatableStages { get; } =
        [.. Enum.GetValues<WorkflowStage>().Where(stage => Transitions.Allows(stage, WorkflowStage.Escalated))];

    /// <summary>The stages the workflow allows a case in <paramref name="stage"/> to move to.</summary>
    public static IReadOnlyList<WorkflowStage> NextStages(WorkflowStage stage) =>
        [.. Enum.GetValues<WorkflowStage>().Where(next => Transitions.Allows(stage, next))];

    private RemediationCase()
    {
        Title = string.Empty;
    }

    public RemediationCase(
        Guid tenantId,
        string title,
        string? vulnerabilityId,
        string? findingGroupKey,
        DateTimeOffset createdAt,
        DateTimeOffset? triageDueAt)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Title = Guard.Text(title, Limits.Title, "remediation.invalid_title", "Title");
        VulnerabilityId = vulnerabilityId is null ? null : CveId.Normalize(vulnerabilityId);
        FindingGroupKey = Guard.OptionalText(findingGroupKey, Limits.Key, "remediation.invalid_group_key", "FindingGroupKey");
        Status = RemediationCaseStatus.Open;
        Stage = WorkflowStage.Triage;
        StageDueAt = triageDueAt.Utc();
        CreatedAt = createdAt.Utc();
        UpdatedAt = CreatedAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Title { get; private set; }

    public string? VulnerabilityId { get; private set; }

    /// <summary>Groups findings handled together (for instance one product across devices).</summary>
    public string? FindingGroupKey { get; private set; }

    public Guid? AssigneeUserId { get; private set; }

    public RemediationCaseStatus Status { get; private set; }

    public WorkflowStage Stage { get; private set; }

    public DateTimeOffset? StageDueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Stage changes made through this instance (and those loaded with it).</summary>
    public IReadOnlyCollection<RemediationStageChange> StageChanges => _stageChanges;

    public void Assign(Guid userId, DateTimeOffset at)
    {
        EnsureNotClosed();
        AssigneeUserId = Guard.Id(userId, "remediation.assignee_required", "AssigneeUserId");
        UpdatedAt = at.Utc();
    }

    public void Unassign(DateTimeOffset at)
    {
        EnsureNotClosed();
        AssigneeUserId = null;
        UpdatedAt = at.Utc();
    }

    public RemediationStageChange MoveTo(
        WorkflowStage stage, DateTimeOffset at, DateTimeOffset? dueAt, string changedBy, string? reason = null)
    {
        EnsureNotClosed();
        Transitions.Ensure(Stage, stage);

        var change = new RemediationStageChange(TenantId, Id, Stage, stage, at, changedBy, reason);
        _stageChanges.Add(change);
        Stage = stage;
        StageDueAt = stage == WorkflowStage.Done ? null : dueAt.Utc();
        Status = stage == WorkflowStage.Done ? RemediationCaseStatus.Resolved : RemediationCaseStatus.InProgress;
        UpdatedAt = at.Utc();
        return change;
    }

    /// <summary>
    /// Escalates a case whose triage or remediation stage is past due; other stages cannot escalate.
    /// The stage change is added to <see cref="StageChanges"/>.
    /// </summary>
    public bool EscalateIfOverdue(DateTimeOffset now)
    {
        if (Status == RemediationCaseStatus.Closed
            || StageDueAt is not { } due
            || now <= due
            || !Transitions.Allows(Stage, WorkflowStage.Escalated))
        {
            return false;
        }

        MoveTo(WorkflowStage.Escalated, now, null, EscalationActor, $"{Stage} stage was due at {due:O}.");
        return true;
    }

    /// <summary>Closing is the final, administrative step after the work is done.</summary>
    public void Close(DateTimeOffset at)
    {
        Guard.Rule(
            Status == RemediationCaseStatus.Resolved,
            "remediation.invalid_transition",
            $"Only a resolved remediation case can be closed; this one is {Status}.");
        Status = RemediationCaseStatus.Closed;
        UpdatedAt = at.Utc();
    }

    private void EnsureNotClosed() =>
        Guard.Rule(
            Status != RemediationCaseStatus.Closed,
            "remediation.case_closed",
            "A closed remediation case cannot change.");
}
