using PatchHound.Core.Remediation;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Remediation;

public class RemediationCaseTests
{
    private static readonly DateTimeOffset TriageDue = TestData.Now.AddDays(2);

    private static RemediationCase NewCase() =>
        new(TestData.TenantId, "Patch PAN-OS on edge firewalls", "CVE-2024-3400", "pan-os", TestData.Now, TriageDue);

    private static RemediationCase InStage(params WorkflowStage[] path)
    {
        var remediationCase = NewCase();
        foreach (var stage in path)
        {
            remediationCase.MoveTo(stage, TestData.Now, TestData.Now.AddDays(5), "alice");
        }

        return remediationCase;
    }

    [Fact]
    public void New_case_is_open_in_triage()
    {
        var remediationCase = NewCase();

        remediationCase.Status.Should().Be(RemediationCaseStatus.Open);
        remediationCase.Stage.Should().Be(WorkflowStage.Triage);
        remediationCase.StageDueAt.Should().Be(TriageDue);
        remediationCase.StageChanges.Should().BeEmpty();
    }

    [Fact]
    public void Stage_change_is_recorded_as_history()
    {
        var remediationCase = NewCase();

        var change = remediationCase.MoveTo(
            WorkflowStage.Remediation, TestData.Now.AddHours(1), TestData.Now.AddDays(30), "alice", "patch available");

        change.FromStage.Should().Be(WorkflowStage.Triage);
        change.ToStage.Should().Be(WorkflowStage.Remediation);
        change.ChangedBy.Should().Be("alice");
        change.Reason.Should().Be("patch available");
        change.CaseId.Should().Be(remediationCase.Id);
        change.TenantId.Should().Be(remediationCase.TenantId);
        remediationCase.StageChanges.Should().ContainSingle().Which.Should().BeSameAs(change);
        remediationCase.Status.Should().Be(RemediationCaseStatus.InProgress);
        remediationCase.StageDueAt.Should().Be(TestData.Now.AddDays(30));
    }

    [Fact]
    public void Full_path_through_verification_resolves_the_case()
    {
        var remediationCase = InStage(WorkflowStage.Remediation, WorkflowStage.Verification, WorkflowStage.Done);

        remediationCase.Status.Should().Be(RemediationCaseStatus.Resolved);
        remediationCase.StageDueAt.Should().BeNull();
        remediationCase.StageChanges.Should().HaveCount(3);
    }

    [Fact]
    public void Failed_verification_goes_back_to_remediation()
    {
        var remediationCase = InStage(WorkflowStage.Remediation, WorkflowStage.Verification);

        remediationCase.MoveTo(WorkflowStage.Remediation, TestData.Now, null, "bob", "still vulnerable");

        remediationCase.Stage.Should().Be(WorkflowStage.Remediation);
    }

    [Theory]
    [InlineData(new[] { WorkflowStage.Remediation }, WorkflowStage.Done)]
    [InlineData(new WorkflowStage[0], WorkflowStage.Verification)]
    [InlineData(new[] { WorkflowStage.Remediation, WorkflowStage.Verification }, WorkflowStage.Escalated)]
    [InlineData(new[] { WorkflowStage.Escalated }, WorkflowStage.Triage)]
    public void Stage_changes_outside_the_workflow_are_refused(WorkflowStage[] path, WorkflowStage target)
    {
        var remediationCase = InStage(path);

        var act = () => remediationCase.MoveTo(target, TestData.Now, null, "alice");

        act.ShouldViolate("remediation.invalid_transition");
        remediationCase.StageChanges.Should().HaveCount(path.Length);
    }

    [Fact]
    public void Done_is_final()
    {
        var remediationCase = InStage(WorkflowStage.Escalated, WorkflowStage.Done);

        var act = () => remediationCase.MoveTo(WorkflowStage.Remediation, TestData.Now, null, "alice");

        act.ShouldViolate("remediation.invalid_transition");
    }

    [Fact]
    public void Overdue_triage_is_escalated_by_the_system()
    {
        var remediationCase = NewCase();

        var escalated = remediationCase.EscalateIfOverdue(TriageDue.AddMinutes(1));

        escalated.Should().BeTrue();
        remediationCase.Stage.Should().Be(WorkflowStage.Escalated);
        remediationCase.StageChanges.Should().ContainSingle()
            .Which.ChangedBy.Should().Be(RemediationCase.EscalationActor);
    }

    [Fact]
    public void Case_is_not_escalated_before_its_stage_is_due()
    {
        var remediationCase = NewCase();

        remediationCase.EscalateIfOverdue(TriageDue).Should().BeFalse();
        remediationCase.Stage.Should().Be(WorkflowStage.Triage);
    }

    [Fact]
    public void Stage_without_a_deadline_is_never_escalated()
    {
        var remediationCase = NewCase();
        remediationCase.MoveTo(WorkflowStage.Remediation, TestData.Now, null, "alice");

        remediationCase.EscalateIfOverdue(TestData.Now.AddYears(1)).Should().BeFalse();
    }

    [Fact]
    public void Overdue_verification_is_not_escalated_because_the_workflow_does_not_allow_it()
    {
        var remediationCase = InStage(WorkflowStage.Remediation, WorkflowStage.Verification);

        remediationCase.EscalateIfOverdue(TestData.Now.AddDays(6)).Should().BeFalse();
        remediationCase.Stage.Should().Be(WorkflowStage.Verification);
    }

    [Fact]
    public void Escalated_case_is_not_escalated_again()
    {
        var remediationCase = NewCase();
        remediationCase.EscalateIfOverdue(TriageDue.AddMinutes(1));

        remediationCase.EscalateIfOverdue(TriageDue.AddDays(10)).Should().BeFalse();
        remediationCase.StageChanges.Should().HaveCount(1);
    }

    [Fact]
    public void Escalatable_stages_are_exactly_those_a_past_due_case_escalates_from()
    {
        RemediationCase.EscalatableStages.Should().Equal(WorkflowStage.Triage, WorkflowStage.Remediation);
    }

    [Fact]
    public void Only_a_resolved_case_can_be_closed_and_then_nothing_changes()
    {
        var open = NewCase();
        ((Action)(() => open.Close(TestData.Now))).ShouldViolate("remediation.invalid_transition");

        var done = InStage(WorkflowStage.Escalated, WorkflowStage.Done);
        done.Close(TestData.Now);

        done.Status.Should().Be(RemediationCaseStatus.Closed);
        ((Action)(() => done.Assign(TestData.Alice, TestData.Now))).ShouldViolate("remediation.case_closed");
    }

    [Fact]
    public void Assigning_sets_the_assignee()
    {
        var remediationCase = NewCase();

        remediationCase.Assign(TestData.Bob, TestData.Now.AddHours(1));

        remediationCase.AssigneeUserId.Should().Be(TestData.Bob);
        remediationCase.UpdatedAt.Should().Be(TestData.Now.AddHours(1));
    }
}
