using PatchHound.Core.Remediation;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Five cases in tenant A, a minute apart, in different stages and with different assignees; one in B.</summary>
public sealed class CaseListFixture : WorkApiFixture
{
    public Dictionary<string, Guid> Cases { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        RemediationCase Case(string title, int minute) => new(A.Id, title, null, null, start.AddMinutes(minute), null);
        var triageMine = Case("triage, analyst", 1);
        triageMine.Assign(A.AnalystId, start);
        var remediationMine = Case("remediation, analyst", 2);
        remediationMine.Assign(A.AnalystId, start);
        remediationMine.MoveTo(WorkflowStage.Remediation, start.AddMinutes(2), null, "test");
        var remediationAdmin = Case("remediation, admin", 3);
        remediationAdmin.Assign(A.AdminId, start);
        remediationAdmin.MoveTo(WorkflowStage.Remediation, start.AddMinutes(3), null, "test");
        var triageNobody = Case("triage, nobody", 4);
        var doneNobody = Case("done, nobody", 5);
        doneNobody.MoveTo(WorkflowStage.Remediation, start, null, "test");
        doneNobody.MoveTo(WorkflowStage.Verification, start, null, "test");
        doneNobody.MoveTo(WorkflowStage.Done, start, null, "test");
        foreach (var c in new[] { triageMine, remediationMine, remediationAdmin, triageNobody, doneNobody })
        {
            Cases[c.Title] = c.Id;
        }

        await AddAsync(A, triageMine, remediationMine, remediationAdmin, triageNobody, doneNobody);
        await AddAsync(B, new RemediationCase(B.Id, "tenant B", null, null, start.AddMinutes(6), null));
    }
}
