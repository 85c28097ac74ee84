using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Remediation;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Who may do what to cases, and what a refused request leaves behind (nothing).</summary>
public sealed class CaseAccessTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    private WorkTenant B => fixture.B;

    [Fact]
    public async Task An_auditor_reads_cases_but_cannot_open_comment_assign_or_move_one()
    {
        var caseId = await NewCaseAsync("Auditor cannot touch");
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);
        var before = await fixture.CountsAsync(A);

        await (await auditor.GetAsync(A.Url("/cases"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await auditor.GetAsync(A.Url($"/cases/{caseId}"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await auditor.PostAsJsonAsync(A.Url("/cases"), new { title = "No" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync(A.Url($"/cases/{caseId}/comments"), new { body = "No" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PutAsJsonAsync(A.Url($"/cases/{caseId}/assignee"), new { assigneeUserId = A.AuditorId }))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.DeleteAsync(A.Url($"/cases/{caseId}/assignee"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync(A.Url($"/cases/{caseId}/stage"), new { stage = "Remediation" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsync(A.Url($"/cases/{caseId}/close"), null)).ShouldBeAsync(HttpStatusCode.Forbidden);

        (await fixture.CountsAsync(A)).Should().Be(before);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var anonymous = fixture.Api.CreateClient();

        await (await anonymous.GetAsync(A.Url("/cases"))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(A.Url("/cases"), new { title = "x" })).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(A.Url($"/cases/{Guid.NewGuid()}/stage"), new { stage = "Remediation" }))
            .ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_tenants_case_is_not_found_on_every_endpoint_and_stays_unchanged()
    {
        var bCase = new RemediationCase(B.Id, "Tenant B's case", null, null, DateTimeOffset.UtcNow, null);
        await fixture.AddAsync(B, bCase);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var id = bCase.Id;

        await (await admin.GetAsync(A.Url($"/cases/{id}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(A.Url($"/cases/{id}/comments"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync(A.Url($"/cases/{id}/comments"), new { body = "hi" })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync(A.Url($"/cases/{id}/assignee"), new { assigneeUserId = A.AnalystId })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync(A.Url($"/cases/{id}/assignee"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync(A.Url($"/cases/{id}/stage"), new { stage = "Remediation" })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync(A.Url($"/cases/{id}/close"), null)).ShouldBeAsync(HttpStatusCode.NotFound);
        // A's admin is no member of B: B's routes do not exist for them, whatever the id.
        await (await admin.GetAsync(B.Url($"/cases/{id}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(B.Url("/cases"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync(B.Url("/cases"), new { title = "Sneaky" })).ShouldBeAsync(HttpStatusCode.NotFound);

        var stored = await fixture.QueryAsync(B, db => db.RemediationCases.SingleAsync(c => c.Id == id));
        (stored.Stage, stored.AssigneeUserId).Should().Be((WorkflowStage.Triage, null));
        stored.UpdatedAt.Should().BeCloseTo(bCase.UpdatedAt, TimeSpan.FromMilliseconds(1));
        (await fixture.QueryAsync(B, db => db.RemediationCases.CountAsync(c => c.Title == "Sneaky"))).Should().Be(0);
        (await fixture.QueryAsync(B, db => db.CaseComments.CountAsync(c => c.CaseId == id))).Should().Be(0);
    }

    [Fact]
    public async Task Bad_bodies_answer_400_with_field_errors_and_write_nothing()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var caseId = await NewCaseAsync("Bad bodies");
        var before = await fixture.CountsAsync(A);

        await (await analyst.SendRawAsync(HttpMethod.Post, A.Url("/cases"), "this is not JSON")).ShouldBeFieldErrorAsync("body");
        await (await analyst.SendRawAsync(HttpMethod.Post, A.Url("/cases"), "{ \"title\": ")).ShouldBeFieldErrorAsync("title");
        await (await analyst.SendRawAsync(HttpMethod.Post, A.Url("/cases"), "{ \"title\": 5 }")).ShouldBeFieldErrorAsync("title");
        var oversized = await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = new string('x', 501) });
        await oversized.ShouldBeFieldErrorAsync("title");
        (await oversized.Content.ReadAsStringAsync()).Should().Contain("maximum length", "the endpoint's own validation refuses it, before the domain");
        await (await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = "   " })).ShouldBeFieldErrorAsync("title");
        await (await analyst.PostAsJsonAsync(A.Url("/cases"), new { vulnerabilityId = WorkApiFixture.Cve })).ShouldBeFieldErrorAsync("title");
        await (await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = "t", vulnerabilityId = "CVE-2099-99999" }))
            .ShouldBeFieldErrorAsync("vulnerabilityId");
        await (await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = "t", vulnerabilityId = "not-a-cve" }))
            .ShouldBeFieldErrorAsync("vulnerabilityId");
        await (await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = "t", findingGroupKey = new string('k', 201) }))
            .ShouldBeFieldErrorAsync("findingGroupKey");
        await (await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = "t", triageDueAt = DateTimeOffset.UtcNow.AddDays(-1) }))
            .ShouldBeFieldErrorAsync("triageDueAt");
        await (await analyst.SendRawAsync(HttpMethod.Post, A.Url($"/cases/{caseId}/stage"), "{ \"stage\": \"Bogus\" }"))
            .ShouldBeFieldErrorAsync("stage");
        await (await analyst.SendRawAsync(HttpMethod.Post, A.Url($"/cases/{caseId}/stage"), "{ \"stage\": 1 }"))
            .ShouldBeFieldErrorAsync("stage");
        await (await analyst.PostAsJsonAsync(A.Url($"/cases/{caseId}/stage"), new { reason = "no stage" })).ShouldBeFieldErrorAsync("stage");
        await (await analyst.PostAsJsonAsync(A.Url($"/cases/{caseId}/stage"), new { stage = "Remediation", reason = new string('r', 4001) }))
            .ShouldBeFieldErrorAsync("reason");
        await (await analyst.SendRawAsync(HttpMethod.Put, A.Url($"/cases/{caseId}/assignee"), "{ \"assigneeUserId\": \"nope\" }"))
            .ShouldBeFieldErrorAsync("assigneeUserId");
        await (await analyst.PostAsJsonAsync(A.Url($"/cases/{caseId}/comments"), new { body = new string('b', 4001) }))
            .ShouldBeFieldErrorAsync("body");
        await (await analyst.PostAsJsonAsync(A.Url($"/cases/{caseId}/comments"), new { body = " " })).ShouldBeFieldErrorAsync("body");

        (await fixture.CountsAsync(A)).Should().Be(before);
        var stored = await fixture.QueryAsync(A, db => db.RemediationCases.SingleAsync(c => c.Id == caseId));
        stored.Stage.Should().Be(WorkflowStage.Triage);
    }

    private async Task<Guid> NewCaseAsync(string title)
    {
        var remediationCase = new RemediationCase(A.Id, title, null, null, DateTimeOffset.UtcNow, null);
        await fixture.AddAsync(A, remediationCase);
        return remediationCase.Id;
    }
}
