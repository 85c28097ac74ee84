using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.IntegrationTests.Api.Work;

public sealed class RiskAcceptancesApiTests(WorkApiFixture fixture) : IClassFixture<WorkApiFixture>
{
    private WorkTenant A => fixture.A;

    private WorkTenant B => fixture.B;

    [Fact]
    public async Task Lists_filter_by_state_and_everyone_in_the_tenant_reads_them()
    {
        var now = DateTimeOffset.UtcNow;
        var active = await GrantAsync(A, now.AddDays(-2), now.AddDays(10));
        var expired = await GrantAsync(A, now.AddDays(-20), now.AddDays(-1));
        var revoked = await GrantAsync(A, now.AddDays(-3), now.AddDays(10), revokedAt: now.AddDays(-1));
        var other = await GrantAsync(B, now.AddDays(-2), now.AddDays(10));
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);

        async Task<List<Guid>> IdsAsync(string query) =>
            [.. (await (await auditor.GetAsync(A.Url($"/risk-acceptances?{query}"))).JsonAsync()).GetProperty("items").EnumerateArray()
                .Select(r => r.GetProperty("id").GetGuid())];

        (await IdsAsync("state=Active")).Should().Contain(active).And.NotContain([expired, revoked, other]);
        (await IdsAsync("state=Expired")).Should().Contain(expired).And.NotContain([active, revoked, other]);
        (await IdsAsync("state=Revoked")).Should().Contain(revoked).And.NotContain([active, expired, other]);
        (await IdsAsync("limit=500")).Should().Contain([active, expired, revoked]).And.NotContain(other);
        var one = await (await auditor.GetAsync(A.Url($"/risk-acceptances/{expired}"))).JsonAsync();
        (one.GetProperty("state").GetString(), one.GetProperty("scope").GetString()).Should().Be(("Expired", "Finding"));
        await (await auditor.GetAsync(A.Url("/risk-acceptances?state=Gone"))).ShouldBeFieldErrorAsync("state");
        await (await fixture.Api.CreateClient().GetAsync(A.Url("/risk-acceptances"))).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tenant_admin_revokes_once_with_an_audit_entry_and_the_sweep_then_reopens_the_finding()
    {
        var now = DateTimeOffset.UtcNow;
        var finding = A.FindingIds[2];
        var id = await GrantAsync(A, now.AddDays(-1), now.AddDays(30), finding: finding);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);

        var revoked = await admin.PostAsync(A.Url($"/risk-acceptances/{id}/revoke"), null);
        var again = await admin.PostAsync(A.Url($"/risk-acceptances/{id}/revoke"), null);

        await revoked.ShouldBeAsync(HttpStatusCode.OK);
        var body = await revoked.JsonAsync();
        body.GetProperty("state").GetString().Should().Be("Revoked");
        var revokedAt = body.GetProperty("revokedAt").GetDateTimeOffset();
        await again.ShouldBeAsync(HttpStatusCode.OK);
        (await again.JsonAsync()).GetProperty("revokedAt").GetDateTimeOffset().Should().Be(revokedAt, "the first revocation stands");
        var audit = await fixture.QueryAsync(A, db => db.AuditLogEntries.Where(e => e.EntityId == id.ToString()).ToListAsync());
        audit.Select(e => (e.Action, e.EntityType, e.Actor)).Should().Equal(("risk_acceptance.revoked", "RiskAcceptance", $"user:{A.AdminId}"));
        JsonDocument.Parse(audit[0].Before!).RootElement.GetProperty("revokedAt").ValueKind.Should().Be(JsonValueKind.Null);

        await using (var db = fixture.Context(A))
        {
            var sweep = new ApprovalExpiry(db, TimeProvider.System, Options.Create(new SweepOptions()), new NoRealtimeEvents(), NullLogger<ApprovalExpiry>.Instance);
            (await sweep.RunAsync(CancellationToken.None)).FindingsReopened.Should().BeGreaterThanOrEqualTo(1);
        }

        (await fixture.QueryAsync(A, db => db.Findings.SingleAsync(f => f.Id == finding))).Status.Should().Be(FindingStatus.Open);
    }

    [Fact]
    public async Task Analysts_and_auditors_cannot_revoke_an_expired_one_cannot_be_and_another_tenants_is_not_found()
    {
        var now = DateTimeOffset.UtcNow;
        var active = await GrantAsync(A, now.AddDays(-1), now.AddDays(5));
        var expired = await GrantAsync(A, now.AddDays(-9), now.AddDays(-2));
        var other = await GrantAsync(B, now.AddDays(-1), now.AddDays(5));
        var analyst = await fixture.ClientAsync(A.Api.AnalystEmail);
        var auditor = await fixture.ClientAsync(A.Api.AuditorEmail);
        var admin = await fixture.ClientAsync(A.Api.AdminEmail);
        var before = await fixture.CountsAsync(A);

        await (await analyst.PostAsync(A.Url($"/risk-acceptances/{active}/revoke"), null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsync(A.Url($"/risk-acceptances/{active}/revoke"), null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync(A.Url($"/risk-acceptances/{expired}/revoke"), null)).ShouldBeAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync(A.Url($"/risk-acceptances/{other}/revoke"), null)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(A.Url($"/risk-acceptances/{other}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync(B.Url($"/risk-acceptances/{other}/revoke"), null)).ShouldBeAsync(HttpStatusCode.NotFound);

        (await fixture.CountsAsync(A)).Should().Be(before);
        (await fixture.QueryAsync(A, db => db.RiskAcceptances.CountAsync(r => r.RevokedAt != null && (r.Id == active || r.Id == expired)))).Should().Be(0);
        (await fixture.QueryAsync(B, db => db.RiskAcceptances.SingleAsync(r => r.Id == other))).RevokedAt.Should().BeNull();
    }

    /// <summary>An acceptance granted through the domain, as an approval would, with its finding put in RiskAccepted.</summary>
    private async Task<Guid> GrantAsync(WorkTenant tenant, DateTimeOffset acceptedAt, DateTimeOffset expiresAt, DateTimeOffset? revokedAt = null, Guid? finding = null)
    {
        var target = finding ?? tenant.FindingIds[0];
        var request = new ApprovalRequest(tenant.Id, ApprovalKind.RiskAcceptance, tenant.AnalystId, TenantRole.TenantAdmin, target, null,
            "Seeded", acceptedAt.AddHours(-1), acceptedAt.AddDays(1));
        request.Approve(tenant.AdminId, TenantRole.TenantAdmin, acceptedAt, null);
        var acceptance = RiskAcceptance.ForFinding(request, target, acceptedAt, expiresAt);
        if (revokedAt is { } at)
        {
            acceptance.Revoke(at);
        }

        await fixture.AddAsync(tenant, request, acceptance);
        if (finding is not null)
        {
            await using var db = fixture.Context(tenant);
            var row = await db.Findings.SingleAsync(f => f.Id == target);
            row.AcceptRisk();
            await db.SaveChangesAsync();
        }

        return acceptance.Id;
    }
}
