using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Notifications;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Requests decided: risk acceptances granted, findings accepted, requesters told, concurrent decisions refused.</summary>
public sealed class ApprovalDecisionTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    [Fact]
    public async Task Approving_a_finding_risk_acceptance_grants_it_accepts_the_finding_audits_each_step_and_tells_the_requester()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var finding = A.FindingIds[2];

        var requested = await analyst.PostAsJsonAsync(A.Url("/approvals"),
            new { kind = "RiskAcceptance", findingId = finding, justification = "Compensating control in place" });
        await requested.ShouldBeAsync(HttpStatusCode.Created);
        var request = await requested.JsonAsync();
        var id = request.GetProperty("id").GetGuid();
        (request.GetProperty("status").GetString(), request.GetProperty("approverRole").GetString(), request.GetProperty("requestedByUserId").GetGuid())
            .Should().Be(("Pending", "TenantAdmin", A.AnalystId));
        request.GetProperty("expiresAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(14), TimeSpan.FromMinutes(1));

        var until = DateTimeOffset.UtcNow.AddDays(30);
        var approved = await admin.PostAsJsonAsync(A.Url($"/approvals/{id}/approve"), new { comment = "OK for a month", acceptedUntil = until });

        await approved.ShouldBeAsync(HttpStatusCode.OK);
        var decision = await approved.JsonAsync();
        (decision.GetProperty("status").GetString(), decision.GetProperty("decidedByUserId").GetGuid(), decision.GetProperty("decisionComment").GetString())
            .Should().Be(("Approved", A.AdminId, "OK for a month"));
        var acceptanceId = decision.GetProperty("riskAcceptanceId").GetGuid();
        var acceptance = await fixture.QueryAsync(A, db => db.RiskAcceptances.SingleAsync(r => r.Id == acceptanceId));
        (acceptance.Scope, acceptance.FindingId, acceptance.ApprovalRequestId, acceptance.Justification)
            .Should().Be((RiskAcceptanceScope.Finding, finding, id, "Compensating control in place"));
        acceptance.ExpiresAt.Should().BeCloseTo(until, TimeSpan.FromMilliseconds(1));
        (await fixture.QueryAsync(A, db => db.Findings.Where(f => A.FindingIds.Contains(f.Id)).OrderBy(f => f.Id).ToDictionaryAsync(f => f.Id, f => f.Status)))
            .Should().Equal(new Dictionary<Guid, FindingStatus>
            {
                [A.FindingIds[0]] = FindingStatus.Open,
                [A.FindingIds[1]] = FindingStatus.Open,
                [finding] = FindingStatus.RiskAccepted,
            });

        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries
            .Where(e => e.EntityId == id.ToString() || e.EntityId == acceptanceId.ToString() || e.EntityId == finding.ToString())
            .OrderBy(e => e.Action).ToListAsync());
        audit.Select(e => (e.Action, e.EntityType, e.Actor)).Should().Equal(
            ("approval_request.approved", "ApprovalRequest", $"user:{A.AdminId}"),
            ("approval_request.created", "ApprovalRequest", $"user:{A.AnalystId}"),
            ("finding.risk_accepted", "Finding", $"user:{A.AdminId}"),
            ("risk_acceptance.created", "RiskAcceptance", $"user:{A.AdminId}"));
        JsonDocument.Parse(audit[0].Before!).RootElement.GetProperty("status").GetString().Should().Be("Pending");
        JsonDocument.Parse(audit[0].After!).RootElement.GetProperty("status").GetString().Should().Be("Approved");
        JsonDocument.Parse(audit[2].After!).RootElement.GetProperty("riskAcceptanceId").GetGuid().Should().Be(acceptanceId);

        var notification = await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.DedupeKey == $"approval:{id}:decided"));
        (notification.RecipientUserId, notification.Kind).Should().Be((A.AnalystId, NotificationKind.ApprovalDecided));
        var got = await (await analyst.GetAsync(A.Url($"/approvals/{id}"))).JsonAsync();
        got.GetProperty("riskAcceptanceId").GetGuid().Should().Be(acceptanceId);
    }

    [Fact]
    public async Task A_vulnerability_acceptance_covers_every_open_finding_of_it_in_the_tenant_and_nothing_in_another()
    {
        await InIsolationAsync(async fx =>
        {
            var analyst = await fx.ClientAsync(fx.A.Api.AnalystEmail);
            var admin = await fx.ClientAsync(fx.A.Api.AdminEmail);
            var id = await RequestAsync(analyst, fx.A, new { kind = "RiskAcceptance", vulnerabilityId = WorkApiFixture.Cve, justification = "Vendor says no fix" });

            var approved = await admin.PostAsJsonAsync(fx.A.Url($"/approvals/{id}/approve"), new { });

            await approved.ShouldBeAsync(HttpStatusCode.OK);
            var statuses = await fx.QueryAsync(fx.A, db => db.Findings.ToDictionaryAsync(f => f.Id, f => f.Status));
            statuses.Should().Equal(new Dictionary<Guid, FindingStatus>
            {
                [fx.A.FindingIds[0]] = FindingStatus.RiskAccepted,
                [fx.A.FindingIds[1]] = FindingStatus.RiskAccepted,
                [fx.A.FindingIds[2]] = FindingStatus.Open,
            });
            (await fx.QueryAsync(fx.B, db => db.Findings.CountAsync(f => f.Status != FindingStatus.Open))).Should().Be(0);
            var acceptance = await fx.QueryAsync(fx.A, db => db.RiskAcceptances.SingleAsync());
            (acceptance.Scope, acceptance.VulnerabilityId).Should().Be((RiskAcceptanceScope.Vulnerability, WorkApiFixture.Cve));
            acceptance.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(90), TimeSpan.FromMinutes(1), "the default acceptance lasts 90 days");
            (await fx.QueryAsync(fx.A, db => db.AuditLogEntries.CountAsync(e => e.Action == "finding.risk_accepted"))).Should().Be(2);
        });
    }

    [Fact]
    public async Task A_denied_request_is_final_and_its_requester_is_told()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var id = await RequestAsync(analyst, A, new { kind = "RiskAcceptance", findingId = A.FindingIds[1], justification = "Please" });

        var denied = await admin.PostAsJsonAsync(A.Url($"/approvals/{id}/deny"), new { comment = "Patch it" });
        var approveAfter = await admin.PostAsJsonAsync(A.Url($"/approvals/{id}/approve"), new { });

        await denied.ShouldBeAsync(HttpStatusCode.OK);
        (await denied.JsonAsync()).GetProperty("status").GetString().Should().Be("Denied");
        await approveAfter.ShouldBeAsync(HttpStatusCode.Conflict);
        (await approveAfter.JsonAsync()).GetProperty("code").GetString().Should().Be("approval.invalid_transition");
        (await fixture.QueryAsync(A, db => db.RiskAcceptances.CountAsync(r => r.ApprovalRequestId == id))).Should().Be(0);
        (await fixture.QueryAsync(A, db => db.Findings.SingleAsync(f => f.Id == A.FindingIds[1]))).Status.Should().Be(FindingStatus.Open);
        var notification = await fixture.QueryAsync(A, db => db.Notifications.SingleAsync(n => n.DedupeKey == $"approval:{id}:decided"));
        JsonDocument.Parse(notification.Payload).RootElement.GetProperty("status").GetString().Should().Be("Denied");
        (await fixture.QueryAsync(A, db => db.AuditLogEntries.CountAsync(e => e.EntityId == id.ToString() && e.Action == "approval_request.denied")))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_decision_based_on_a_stale_version_answers_409()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var created = await analyst.PostAsJsonAsync(A.Url("/approvals"), new { kind = "Exception", findingId = A.FindingIds[0], justification = "v" });
        var request = await created.JsonAsync();
        var staleVersion = request.GetProperty("version").GetUInt32();
        await using (var db = fixture.Context(A))
        {
            // Someone else touches the row (a same-value update still moves xmin).
            await db.ApprovalRequests.Where(a => a.Id == request.GetProperty("id").GetGuid())
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Justification, "v"));
        }

        var stale = await admin.SendJsonAsync(HttpMethod.Post, A.Url($"/approvals/{request.GetProperty("id").GetGuid()}/deny"), new { }, $"\"{staleVersion}\"");

        await stale.ShouldBeAsync(HttpStatusCode.Conflict);
        (await fixture.QueryAsync(A, db => db.ApprovalRequests.SingleAsync(a => a.Id == request.GetProperty("id").GetGuid()))).Status
            .Should().Be(ApprovalStatus.Pending);
    }

    [Fact]
    public async Task Lists_filter_by_status_and_kind_newest_first()
    {
        await InIsolationAsync(async fx =>
        {
            var analyst = await fx.ClientAsync(fx.A.Api.AnalystEmail);
            var admin = await fx.ClientAsync(fx.A.Api.AdminEmail);
            var first = await RequestAsync(analyst, fx.A, new { kind = "Exception", findingId = fx.A.FindingIds[0], justification = "1" });
            var second = await RequestAsync(analyst, fx.A, new { kind = "RiskAcceptance", findingId = fx.A.FindingIds[1], justification = "2" });
            var third = await RequestAsync(analyst, fx.A, new { kind = "Exception", findingId = fx.A.FindingIds[2], justification = "3" });
            await (await admin.PostAsJsonAsync(fx.A.Url($"/approvals/{first}/deny"), new { })).ShouldBeAsync(HttpStatusCode.OK);

            async Task<List<Guid>> IdsAsync(string query) =>
                [.. (await (await analyst.GetAsync(fx.A.Url($"/approvals?{query}"))).JsonAsync()).GetProperty("items").EnumerateArray()
                    .Select(a => a.GetProperty("id").GetGuid())];

            (await IdsAsync("")).Should().Equal(third, second, first);
            (await IdsAsync("status=Pending")).Should().Equal(third, second);
            (await IdsAsync("kind=Exception")).Should().Equal(third, first);
            (await IdsAsync("status=Denied&kind=Exception")).Should().Equal(first);
            var page1 = await (await analyst.GetAsync(fx.A.Url("/approvals?limit=2"))).JsonAsync();
            var page2 = await (await analyst.GetAsync(fx.A.Url($"/approvals?limit=2&cursor={page1.GetProperty("nextCursor").GetString()}"))).JsonAsync();
            page2.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).Should().Equal(first);
        });
    }

    private static async Task<Guid> RequestAsync(HttpClient client, WorkTenant tenant, object body)
    {
        var response = await client.PostAsJsonAsync(tenant.Url("/approvals"), body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>A database of its own, for tests whose expectations count every row.</summary>
    private static async Task InIsolationAsync(Func<WorkApiFixture, Task> test)
    {
        var fx = new WorkApiFixture();
        await fx.InitializeAsync();
        try
        {
            await test(fx);
        }
        finally
        {
            await fx.DisposeAsync();
        }
    }
}
