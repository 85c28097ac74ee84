using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

[Collection(ConfigApiCollection.Name)]
public sealed class SlaPolicyApiTests(ConfigApiFixture fixture)
{
    private static readonly object Policy = new { criticalDays = 3, highDays = 14, mediumDays = 60, lowDays = 120 };

    [Fact]
    public async Task A_tenant_without_a_policy_reads_the_defaults_and_an_admin_change_is_stored_audited_and_read_by_every_role()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var (tenantId, slug, adminEmail) = await TenantsAdminApiTests.CreateTenantWithAdminAsync(op, "sla");
        await using (var owner = fixture.Database.OwnerContext(TestDatabaseContexts.ForTenant(tenantId)))
        {
            await owner.SlaPolicies.ExecuteDeleteAsync();
        }

        var admin = await fixture.SignInAsync(adminEmail);
        var defaults = await (await admin.GetAsync($"/api/tenants/{slug}/sla-policy")).ShouldBeAsync(HttpStatusCode.OK);
        var first = await (await admin.PutAsJsonAsync($"/api/tenants/{slug}/sla-policy", Policy)).ShouldBeAsync(HttpStatusCode.OK);
        var second = await (await admin.PutAsJsonAsync($"/api/tenants/{slug}/sla-policy", new { criticalDays = 5, highDays = 14, mediumDays = 60, lowDays = 120 }))
            .ShouldBeAsync(HttpStatusCode.OK);

        defaults.GetProperty("criticalDays").GetInt32().Should().Be(7);
        defaults.GetProperty("lowDays").GetInt32().Should().Be(180);
        first.GetProperty("highDays").GetInt32().Should().Be(14);
        second.GetProperty("criticalDays").GetInt32().Should().Be(5);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        var stored = await db.SlaPolicies.SingleAsync();
        (stored.CriticalDays, stored.HighDays, stored.MediumDays, stored.LowDays).Should().Be((5, 14, 60, 120));
        var audit = await AuditEntries.ForAsync(fixture.Database, tenantId, stored.Id.ToString());
        audit.Select(a => a.Action).Should().Equal("sla_policy.changed", "sla_policy.changed");
        audit[0].Before.Should().Contain("\"criticalDays\": 7");
        audit[1].Before.Should().Contain("\"criticalDays\": 3");
        audit[1].After.Should().Contain("\"criticalDays\": 5");
    }

    [Fact]
    public async Task Analysts_and_auditors_read_the_policy_but_may_not_change_it()
    {
        foreach (var email in new[] { fixture.TenantB.AnalystEmail, fixture.TenantB.AuditorEmail })
        {
            var client = await fixture.SignInAsync(email);
            await (await client.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/sla-policy")).ShouldBeAsync(HttpStatusCode.OK);
            await (await client.PutAsJsonAsync($"/api/tenants/{fixture.TenantB.Slug}/sla-policy", Policy)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantB.Id));
        (await db.SlaPolicies.AnyAsync(p => p.CriticalDays == 3)).Should().BeFalse();
    }

    [Fact]
    public async Task Anonymous_is_unauthorized_and_another_tenant_is_not_found()
    {
        var anonymous = fixture.Anonymous();
        var adminA = await fixture.SignInAsync(fixture.TenantA.AdminEmail);

        await (await anonymous.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/sla-policy")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync($"/api/tenants/{fixture.TenantA.Slug}/sla-policy", Policy)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await adminA.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/sla-policy")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminA.PutAsJsonAsync($"/api/tenants/{fixture.TenantB.Id}/sla-policy", Policy)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantB.Id));
        (await db.SlaPolicies.AnyAsync(p => p.CriticalDays == 3)).Should().BeFalse();
    }

    [Theory]
    [InlineData("{\"criticalDays\": 0, \"highDays\": 14, \"mediumDays\": 60, \"lowDays\": 120}", "criticalDays")]
    [InlineData("{\"criticalDays\": 3, \"highDays\": 3651, \"mediumDays\": 60, \"lowDays\": 120}", "highDays")]
    [InlineData("{\"criticalDays\": 3, \"highDays\": 14, \"lowDays\": 120}", "mediumDays")]
    [InlineData("{\"criticalDays\": 3, \"highDays\": 14, \"mediumDays\": \"sixty\", \"lowDays\": 120}", "mediumDays")]
    [InlineData("{\"criticalDays\": 3, \"highDays\": 14, \"mediumDays\": 60, \"lowDays\": 1.5}", "lowDays")]
    [InlineData("{not json", "body")]
    public async Task Bad_policies_answer_400_with_the_field_and_change_nothing(string body, string field)
    {
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var audits = await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id);

        var response = await admin.PutRawAsync($"/api/tenants/{fixture.TenantA.Slug}/sla-policy", body);

        await response.ShouldHaveFieldErrorAsync(field);
        (await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id)).Should().Be(audits);
    }
}
