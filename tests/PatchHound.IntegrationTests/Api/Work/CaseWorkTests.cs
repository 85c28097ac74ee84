using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Working a case: opening, moving through the workflow, assigning, commenting, concurrent edits.</summary>
public sealed class CaseWorkTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    private WorkTenant B => fixture.B;

    [Fact]
    public async Task An_analyst_opens_a_case_in_triage_and_the_audit_log_records_exactly_that()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var due = DateTimeOffset.UtcNow.AddDays(2);

        var response = await analyst.PostAsJsonAsync(A.Url("/cases"),
            new { title = "  Patch Edge  ", vulnerabilityId = "cve-2024-11111", findingGroupKey = "edge", triageDueAt = due });

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be(A.Url($"/cases/{id}"));
        (body.GetProperty("title").GetString(), body.GetProperty("vulnerabilityId").GetString(), body.GetProperty("stage").GetString(),
                body.GetProperty("status").GetString())
            .Should().Be(("Patch Edge", WorkApiFixture.Cve, "Triage", "Open"));
        body.GetProperty("version").GetUInt32().Should().BePositive();

        var stored = await fixture.QueryAsync(A, db => db.RemediationCases.SingleAsync(c => c.Id == id));
        (stored.Title, stored.FindingGroupKey, stored.Stage).Should().Be(("Patch Edge", "edge", WorkflowStage.Triage));
        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries.Where(e => e.EntityId == id.ToString()).ToListAsync());
        audit.Should().ContainSingle();
        (audit[0].Actor, audit[0].Action, audit[0].EntityType, audit[0].Before)
            .Should().Be(($"user:{A.AnalystId}", "remediation_case.created", nameof(RemediationCase), null));
        var after = JsonDocument.Parse(audit[0].After!).RootElement;
        (after.GetProperty("title").GetString(), after.GetProperty("stage").GetString(), after.GetProperty("vulnerabilityId").GetString())
            .Should().Be(("Patch Edge", "Triage", WorkApiFixture.Cve));
    }

    [Fact]
    public async Task A_case_moves_only_along_the_workflow_keeps_its_history_and_closes_once_done()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var created = await analyst.PostAsJsonAsync(A.Url("/cases"), new { title = "Workflow" });
        var caseId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var stage = A.Url($"/cases/{caseId}/stage");

        var skipped = await analyst.PostAsJsonAsync(stage, new { stage = "Verification" });
        await skipped.ShouldBeAsync(HttpStatusCode.Conflict);
        (await skipped.JsonAsync()).GetProperty("code").GetString().Should().Be("remediation.invalid_transition");
        await (await analyst.PostAsync(A.Url($"/cases/{caseId}/close"), null)).ShouldBeAsync(HttpStatusCode.Conflict);

        var due = DateTimeOffset.UtcNow.AddDays(5);
        var toRemediation = await analyst.PostAsJsonAsync(stage, new { stage = "Remediation", dueAt = due, reason = "Patch is out" });
        await toRemediation.ShouldBeAsync(HttpStatusCode.OK);
        (await toRemediation.JsonAsync()).GetProperty("status").GetString().Should().Be("InProgress");
        await (await analyst.PostAsJsonAsync(stage, new { stage = "Verification" })).ShouldBeAsync(HttpStatusCode.OK);
        var done = await analyst.PostAsJsonAsync(stage, new { stage = "Done" });
        await done.ShouldBeAsync(HttpStatusCode.OK);
        (await done.JsonAsync()).GetProperty("status").GetString().Should().Be("Resolved");

        var closed = await analyst.PostAsync(A.Url($"/cases/{caseId}/close"), null);
        await closed.ShouldBeAsync(HttpStatusCode.OK);
        (await closed.JsonAsync()).GetProperty("status").GetString().Should().Be("Closed");
        var afterClose = await analyst.PostAsJsonAsync(stage, new { stage = "Remediation" });
        await afterClose.ShouldBeAsync(HttpStatusCode.Conflict);
        (await afterClose.JsonAsync()).GetProperty("code").GetString().Should().Be("remediation.case_closed");
        await (await analyst.PostAsync(A.Url($"/cases/{caseId}/close"), null)).ShouldBeAsync(HttpStatusCode.Conflict);

        var detail = await (await analyst.GetAsync(A.Url($"/cases/{caseId}"))).JsonAsync();
        detail.GetProperty("stageHistory").EnumerateArray()
            .Select(h => (h.GetProperty("fromStage").GetString(), h.GetProperty("toStage").GetString(), h.GetProperty("changedBy").GetString()))
            .Should().Equal(
                ("Triage", "Remediation", $"user:{A.AnalystId}"),
                ("Remediation", "Verification", $"user:{A.AnalystId}"),
                ("Verification", "Done", $"user:{A.AnalystId}"));
        detail.GetProperty("stageHistory")[0].GetProperty("reason").GetString().Should().Be("Patch is out");
        var actions = await fixture.QueryAsync(A, db => db.AuditLogEntries.Where(e => e.EntityId == caseId.ToString())
            .OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        actions.Should().Equal(
            "remediation_case.created", "remediation_case.stage_changed", "remediation_case.stage_changed", "remediation_case.stage_changed",
            "remediation_case.closed");
    }

    [Fact]
    public async Task Assigning_a_member_notifies_them_and_a_user_of_another_tenant_is_refused_like_an_unknown_id()
    {
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var caseId = await NewCaseAsync("Assign me");
        var assignee = A.Url($"/cases/{caseId}/assignee");
        var before = await fixture.CountsAsync(A);

        var otherTenant = await admin.PutAsJsonAsync(assignee, new { assigneeUserId = B.AnalystId });
        var unknown = await admin.PutAsJsonAsync(assignee, new { assigneeUserId = Guid.NewGuid() });
        var auditor = await admin.PutAsJsonAsync(assignee, new { assigneeUserId = A.AuditorId });
        await otherTenant.ShouldBeFieldErrorAsync("assigneeUserId");
        await unknown.ShouldBeFieldErrorAsync("assigneeUserId");
        await auditor.ShouldBeFieldErrorAsync("assigneeUserId");
        (await otherTenant.JsonAsync()).GetProperty("errors").GetRawText()
            .Should().Be((await unknown.JsonAsync()).GetProperty("errors").GetRawText(), "a user of another tenant looks like no user at all");
        (await fixture.CountsAsync(A)).Should().Be(before);

        var assigned = await admin.PutAsJsonAsync(assignee, new { assigneeUserId = A.AnalystId });
        await assigned.ShouldBeAsync(HttpStatusCode.OK);
        (await assigned.JsonAsync()).GetProperty("assigneeUserId").GetGuid().Should().Be(A.AnalystId);
        var notification = await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.DedupeKey.StartsWith($"case:{caseId}:assigned:")));
        (notification.RecipientUserId, notification.Kind).Should().Be((A.AnalystId, NotificationKind.CaseAssigned));
        JsonDocument.Parse(notification.Payload).RootElement.GetProperty("caseId").GetGuid().Should().Be(caseId);
        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries.SingleAsync(e => e.EntityId == caseId.ToString() && e.Action == "remediation_case.assigned"));
        audit.Actor.Should().Be($"user:{A.AdminId}");
        JsonDocument.Parse(audit.Before!).RootElement.GetProperty("assigneeUserId").ValueKind.Should().Be(JsonValueKind.Null);
        JsonDocument.Parse(audit.After!).RootElement.GetProperty("assigneeUserId").GetGuid().Should().Be(A.AnalystId);

        var again = await admin.PutAsJsonAsync(assignee, new { assigneeUserId = A.AnalystId });
        await again.ShouldBeAsync(HttpStatusCode.OK);
        (await fixture.QueryAsync(A, db => db.Notifications.CountAsync(n => n.DedupeKey.StartsWith($"case:{caseId}:assigned:")))).Should().Be(1,
            "assigning the current assignee again changes nothing");

        var unassigned = await admin.DeleteAsync(assignee);
        await unassigned.ShouldBeAsync(HttpStatusCode.OK);
        (await unassigned.JsonAsync()).GetProperty("assigneeUserId").ValueKind.Should().Be(JsonValueKind.Null);
        (await fixture.QueryAsync(A, db => db.AuditLogEntries.CountAsync(e => e.EntityId == caseId.ToString() && e.Action == "remediation_case.unassigned")))
            .Should().Be(1);

    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_answers_409_and_changes_nothing()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var caseId = await NewCaseAsync("Concurrent edits");
        var read = await (await analyst.GetAsync(A.Url($"/cases/{caseId}"))).JsonAsync();
        var version = read.GetProperty("case").GetProperty("version").GetUInt32();

        var first = await analyst.SendJsonAsync(HttpMethod.Put, A.Url($"/cases/{caseId}/assignee"), new { assigneeUserId = A.AnalystId }, $"\"{version}\"");
        await first.ShouldBeAsync(HttpStatusCode.OK);
        var stale = await analyst.SendJsonAsync(HttpMethod.Post, A.Url($"/cases/{caseId}/stage"), new { stage = "Remediation" }, $"\"{version}\"");
        await stale.ShouldBeAsync(HttpStatusCode.Conflict);
        (await stale.JsonAsync()).GetProperty("title").GetString().Should().Be("Changed by someone else");
        var malformed = await analyst.SendJsonAsync(HttpMethod.Post, A.Url($"/cases/{caseId}/stage"), new { stage = "Remediation" }, "\"v1\"");
        await malformed.ShouldBeFieldErrorAsync("If-Match");

        var stored = await fixture.QueryAsync(A, db => db.RemediationCases.Include(c => c.StageChanges).SingleAsync(c => c.Id == caseId));
        (stored.Stage, stored.StageChanges.Count).Should().Be((WorkflowStage.Triage, 0));
        var current = (await first.JsonAsync()).GetProperty("version").GetUInt32();
        var fresh = await analyst.SendJsonAsync(HttpMethod.Post, A.Url($"/cases/{caseId}/stage"), new { stage = "Remediation" }, $"\"{current}\"");
        await fresh.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Comments_are_added_audited_and_paged_oldest_first_and_the_case_shows_the_first_page()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var caseId = await NewCaseAsync("Commented");
        var comments = A.Url($"/cases/{caseId}/comments");
        var ids = new List<Guid>();
        foreach (var (client, text) in new[] { (analyst, "first"), (admin, "second"), (analyst, "third") })
        {
            var added = await client.PostAsJsonAsync(comments, new { body = text });
            await added.ShouldBeAsync(HttpStatusCode.Created);
            var id = (await added.JsonAsync()).GetProperty("id").GetGuid();
            added.Headers.Location!.ToString().Should().Be(A.Url($"/cases/{caseId}/comments/{id}"));
            ids.Add(id);
        }

        var page1 = await (await analyst.GetAsync($"{comments}?limit=2")).JsonAsync();
        var page2 = await (await analyst.GetAsync($"{comments}?limit=2&cursor={page1.GetProperty("nextCursor").GetString()}")).JsonAsync();
        page1.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("body").GetString()).Should().Equal("first", "second");
        page2.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("body").GetString()).Should().Equal("third");
        page2.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        page1.GetProperty("items")[1].GetProperty("author").GetString().Should().Be($"user:{A.AdminId}");
        var one = await (await analyst.GetAsync($"{comments}/{ids[2]}")).JsonAsync();
        one.GetProperty("body").GetString().Should().Be("third");
        await (await analyst.GetAsync($"{comments}/{Guid.NewGuid()}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await analyst.GetAsync($"{comments}?cursor=not-a-cursor")).ShouldBeAsync(HttpStatusCode.BadRequest);

        var detail = await (await analyst.GetAsync(A.Url($"/cases/{caseId}"))).JsonAsync();
        detail.GetProperty("comments").GetProperty("items").GetArrayLength().Should().Be(3);
        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries.SingleAsync(e => e.EntityId == ids[0].ToString()));
        (audit.Action, audit.EntityType, audit.Actor).Should().Be(("case_comment.added", "CaseComment", $"user:{A.AnalystId}"));
        JsonDocument.Parse(audit.After!).RootElement.GetProperty("caseId").GetGuid().Should().Be(caseId);
    }

    private async Task<Guid> NewCaseAsync(string title)
    {
        var remediationCase = new RemediationCase(A.Id, title, null, null, DateTimeOffset.UtcNow, null);
        await fixture.AddAsync(A, remediationCase);
        return remediationCase.Id;
    }
}
