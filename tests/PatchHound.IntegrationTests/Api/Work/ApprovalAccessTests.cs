using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Approvals;
using PatchHound.Core.Identity;

namespace PatchHound.IntegrationTests.Api.Work;

/// <summary>Who may request and decide approvals; refused requests change nothing.</summary>
public sealed class ApprovalAccessTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    private WorkTenant B => fixture.B;

    [Fact]
    public async Task Only_a_tenant_admin_decides_and_an_auditor_cannot_request()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);
        var id = await RequestAsync(analyst, A, new { kind = "Exception", findingId = A.FindingIds[0], justification = "Roles" });
        var before = await fixture.CountsAsync(A);

        await (await analyst.PostAsJsonAsync(A.Url($"/approvals/{id}/approve"), new { })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await analyst.PostAsJsonAsync(A.Url($"/approvals/{id}/deny"), new { })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync(A.Url($"/approvals/{id}/approve"), new { })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync(A.Url("/approvals"), new { kind = "Exception", findingId = A.FindingIds[0], justification = "x" }))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await fixture.Api.CreateClient().GetAsync(A.Url("/approvals"))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await auditor.GetAsync(A.Url($"/approvals/{id}"))).ShouldBeAsync(HttpStatusCode.OK);

        (await fixture.CountsAsync(A)).Should().Be(before);
    }

    [Fact]
    public async Task Bad_requests_answer_400_with_field_errors_and_write_nothing()
    {
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var pending = await RequestAsync(analyst, A, new { kind = "RiskAcceptance", findingId = A.FindingIds[0], justification = "Later" });
        var url = A.Url("/approvals");
        var before = await fixture.CountsAsync(A);

        await (await analyst.SendRawAsync(HttpMethod.Post, url, "{ not json")).ShouldBeFieldErrorAsync("body");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Forever", findingId = A.FindingIds[0], justification = "x" })).ShouldBeFieldErrorAsync("kind");
        await (await analyst.SendRawAsync(HttpMethod.Post, url, $"{{ \"kind\": 0, \"findingId\": \"{A.FindingIds[0]}\", \"justification\": \"x\" }}"))
            .ShouldBeFieldErrorAsync("kind");
        await (await analyst.PostAsJsonAsync(url, new { findingId = A.FindingIds[0], justification = "x" })).ShouldBeFieldErrorAsync("kind");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", findingId = 42, justification = "x" })).ShouldBeFieldErrorAsync("findingId");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", justification = "neither" })).ShouldBeFieldErrorAsync("findingId");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", findingId = A.FindingIds[0], vulnerabilityId = WorkApiFixture.Cve, justification = "both" }))
            .ShouldBeFieldErrorAsync("findingId");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", findingId = B.FindingIds[0], justification = "tenant B's" }))
            .ShouldBeFieldErrorAsync("findingId");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", vulnerabilityId = "CVE-2099-0001", justification = "unknown" }))
            .ShouldBeFieldErrorAsync("vulnerabilityId");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", findingId = A.FindingIds[0], justification = new string('j', 4001) }))
            .ShouldBeFieldErrorAsync("justification");
        await (await analyst.PostAsJsonAsync(url, new { kind = "Exception", findingId = A.FindingIds[0], justification = "  " }))
            .ShouldBeFieldErrorAsync("justification");
        await (await admin.PostAsJsonAsync(A.Url($"/approvals/{pending}/approve"), new { acceptedUntil = DateTimeOffset.UtcNow.AddDays(400) }))
            .ShouldBeFieldErrorAsync("acceptedUntil");
        await (await admin.PostAsJsonAsync(A.Url($"/approvals/{pending}/approve"), new { acceptedUntil = DateTimeOffset.UtcNow.AddDays(-1) }))
            .ShouldBeFieldErrorAsync("acceptedUntil");
        await (await admin.PostAsJsonAsync(A.Url($"/approvals/{pending}/approve"), new { comment = new string('c', 4001) }))
            .ShouldBeFieldErrorAsync("comment");
        await (await admin.SendRawAsync(HttpMethod.Post, A.Url($"/approvals/{pending}/deny"), "{ \"comment\": [1] }"))
            .ShouldBeFieldErrorAsync("comment");
        await (await analyst.GetAsync(A.Url("/approvals?status=Maybe"))).ShouldBeFieldErrorAsync("status");

        (await fixture.CountsAsync(A)).Should().Be(before);
        (await fixture.QueryAsync(A, db => db.ApprovalRequests.SingleAsync(a => a.Id == pending))).Status.Should().Be(ApprovalStatus.Pending);
    }

    [Fact]
    public async Task Another_tenants_request_is_not_found_and_stays_pending()
    {
        var bRequest = new ApprovalRequest(B.Id, ApprovalKind.Exception, B.AnalystId, TenantRole.TenantAdmin, B.FindingIds[0], null,
            "B's", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        await fixture.AddAsync(B, bRequest);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);

        await (await admin.GetAsync(A.Url($"/approvals/{bRequest.Id}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync(A.Url($"/approvals/{bRequest.Id}/approve"), new { })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync(A.Url($"/approvals/{bRequest.Id}/deny"), new { })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync(B.Url($"/approvals/{bRequest.Id}/approve"), new { })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(B.Url("/approvals"))).ShouldBeAsync(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync(A.Url("/approvals?limit=500"))).JsonAsync();
        list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).Should().NotContain(bRequest.Id);

        (await fixture.QueryAsync(B, db => db.ApprovalRequests.SingleAsync(a => a.Id == bRequest.Id))).Status.Should().Be(ApprovalStatus.Pending);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request_and_nothing_changes()
    {
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var id = await RequestAsync(admin, A, new { kind = "Exception", vulnerabilityId = WorkApiFixture.OtherCve, justification = "Mine" });
        var before = await fixture.CountsAsync(A);

        var refused = await admin.PostAsJsonAsync(A.Url($"/approvals/{id}/approve"), new { comment = "me, myself" });

        await refused.ShouldBeAsync(HttpStatusCode.Forbidden);
        (await refused.JsonAsync()).GetProperty("code").GetString().Should().Be("approval.self_approval");
        (await fixture.CountsAsync(A)).Should().Be(before);
        (await fixture.QueryAsync(A, db => db.ApprovalRequests.SingleAsync(a => a.Id == id))).Status.Should().Be(ApprovalStatus.Pending);
    }

    private static async Task<Guid> RequestAsync(HttpClient client, WorkTenant tenant, object body)
    {
        var response = await client.PostAsJsonAsync(tenant.Url("/approvals"), body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
