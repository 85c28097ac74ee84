using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

[Collection(ConfigApiCollection.Name)]
public sealed class MembershipsAdminApiTests(ConfigApiFixture fixture)
{
    private static string Members(Guid tenantId) => $"/api/admin/tenants/{tenantId}/memberships";

    [Fact]
    public async Task An_unknown_email_becomes_a_new_user_who_signs_in_with_the_given_role()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var (tenantId, slug, _) = await TenantsAdminApiTests.CreateTenantWithAdminAsync(op, "members");
        var email = $"New.Analyst@{slug}.TEST";

        var added = await (await op.PostAsJsonAsync(Members(tenantId), new { email, displayName = "New Analyst", role = "Analyst" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var analyst = await fixture.SignInAsync(email);

        added.GetProperty("email").GetString().Should().Be(email.ToLowerInvariant());
        added.GetProperty("role").GetString().Should().Be("Analyst");
        await (await analyst.GetAsync($"/api/tenants/{slug}/sources")).ShouldBeAsync(HttpStatusCode.OK);
        await (await analyst.PutAsJsonAsync($"/api/tenants/{slug}/sla-policy", new { criticalDays = 1, highDays = 2, mediumDays = 3, lowDays = 4 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var list = await (await op.GetAsync(Members(tenantId))).ShouldBeAsync(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("email").GetString())
            .Should().Equal($"admin@{slug}.test", email.ToLowerInvariant());
        var userId = added.GetProperty("userId").GetGuid();
        var audit = await AuditEntries.ForAsync(fixture.Database, tenantId, userId.ToString());
        audit.Should().ContainSingle().Which.Action.Should().Be("membership.added");
        audit[0].EntityType.Should().Be("tenant_membership");
        audit[0].After.Should().Contain(email.ToLowerInvariant());
    }

    [Fact]
    public async Task A_known_user_is_reused_without_a_display_name_and_adding_them_twice_is_a_conflict()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var (tenantId, _, _) = await TenantsAdminApiTests.CreateTenantWithAdminAsync(op, "reuse");
        var existing = await UserIdAsync(fixture.TenantB.AuditorEmail);

        var added = await (await op.PostAsJsonAsync(Members(tenantId), new { email = fixture.TenantB.AuditorEmail, role = "TenantAdmin" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var twice = await op.PostAsJsonAsync(Members(tenantId), new { email = fixture.TenantB.AuditorEmail, role = "Analyst" });

        added.GetProperty("userId").GetGuid().Should().Be(existing);
        await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenantId));
        (await db.TenantMemberships.SingleAsync(m => m.UserId == existing)).Role.Should().Be(TenantRole.TenantAdmin);
    }

    [Fact]
    public async Task Changing_a_role_and_removing_a_member_take_effect_at_the_next_sign_in_and_are_audited()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var (tenantId, slug, adminEmail) = await TenantsAdminApiTests.CreateTenantWithAdminAsync(op, "roles");
        var userId = await UserIdAsync(adminEmail);

        var changed = await (await op.PutAsJsonAsync($"{Members(tenantId)}/{userId}", new { role = "Auditor" })).ShouldBeAsync(HttpStatusCode.OK);
        var asAuditor = await fixture.SignInAsync(adminEmail);

        changed.GetProperty("role").GetString().Should().Be("Auditor");
        await (await asAuditor.GetAsync($"/api/tenants/{slug}/sla-policy")).ShouldBeAsync(HttpStatusCode.OK);
        await (await asAuditor.PutAsJsonAsync($"/api/tenants/{slug}/sla-policy", new { criticalDays = 1, highDays = 2, mediumDays = 3, lowDays = 4 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await (await op.DeleteAsync($"{Members(tenantId)}/{userId}")).ShouldBeAsync(HttpStatusCode.NoContent);
        var removed = await fixture.SignInAsync(adminEmail);

        await (await removed.GetAsync($"/api/tenants/{slug}/sla-policy")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.DeleteAsync($"{Members(tenantId)}/{userId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var audit = await AuditEntries.ForAsync(fixture.Database, tenantId, userId.ToString());
        audit.Select(a => a.Action).Should().Equal("membership.added", "membership.role_changed", "membership.removed");
        Role(audit[1].Before).Should().NotBe(Role(audit[1].After));
        audit[2].After.Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_email_without_a_display_name_is_a_field_error_and_creates_no_user()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var email = $"{Guid.NewGuid():N}@nobody.test";

        var response = await op.PostAsJsonAsync(Members(fixture.TenantA.Id), new { email, role = "Analyst" });

        await response.ShouldHaveFieldErrorAsync("displayName");
        await using var db = fixture.Database.AppContext();
        (await db.Users.AnyAsync(u => u.Email == email)).Should().BeFalse();
    }

    [Fact]
    public async Task Members_of_another_tenant_and_unknown_tenants_are_not_found()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var memberOfB = await UserIdAsync(fixture.TenantB.AnalystEmail);
        var unknownTenant = Guid.NewGuid();

        await (await op.PutAsJsonAsync($"{Members(fixture.TenantA.Id)}/{memberOfB}", new { role = "TenantAdmin" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.DeleteAsync($"{Members(fixture.TenantA.Id)}/{memberOfB}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.GetAsync(Members(unknownTenant))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.PostAsJsonAsync(Members(unknownTenant), new { email = fixture.TenantB.AnalystEmail, role = "Analyst" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.PutAsJsonAsync($"{Members(unknownTenant)}/{memberOfB}", new { role = "Analyst" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.DeleteAsync($"{Members(unknownTenant)}/{memberOfB}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantB.Id));
        (await db.TenantMemberships.SingleAsync(m => m.UserId == memberOfB)).Role.Should().Be(TenantRole.Analyst);
    }

    [Fact]
    public async Task Only_platform_operators_may_manage_memberships()
    {
        var anonymous = fixture.Anonymous();
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var analyst = await UserIdAsync(fixture.TenantA.AnalystEmail);
        var path = Members(fixture.TenantA.Id);

        foreach (var client in new[] { anonymous, admin })
        {
            var expected = client == anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            await (await client.GetAsync(path)).ShouldBeProblemAsync(expected);
            await (await client.PostAsJsonAsync(path, new { email = "x@y.test", displayName = "X", role = "TenantAdmin" })).ShouldBeProblemAsync(expected);
            await (await client.PutAsJsonAsync($"{path}/{analyst}", new { role = "TenantAdmin" })).ShouldBeProblemAsync(expected);
            await (await client.DeleteAsync($"{path}/{analyst}")).ShouldBeProblemAsync(expected);
        }

        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        (await db.TenantMemberships.SingleAsync(m => m.UserId == analyst)).Role.Should().Be(TenantRole.Analyst);
        (await db.Users.AnyAsync(u => u.Email == "x@y.test")).Should().BeFalse();
    }

    [Fact]
    public async Task The_member_list_pages_by_email_with_a_cursor()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);

        var first = await (await op.GetAsync($"{Members(fixture.TenantA.Id)}?limit=2")).ShouldBeAsync(HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await op.GetAsync($"{Members(fixture.TenantA.Id)}?limit=2&cursor={cursor}")).ShouldBeAsync(HttpStatusCode.OK);

        var emails = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(m => m.GetProperty("email").GetString()).ToList();
        emails.Should().Equal(fixture.TenantA.AnalystEmail, fixture.TenantA.AuditorEmail, fixture.TenantA.AdminEmail);
        second.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("{\"email\": \"someone@x.test\", \"displayName\": \"S\", \"role\": \"Owner\"}", "role")]
    [InlineData("{\"email\": \"someone@x.test\", \"displayName\": \"S\", \"role\": 0}", "role")]
    [InlineData("{\"email\": \"someone@x.test\", \"displayName\": \"S\"}", "role")]
    [InlineData("{\"email\": \"not-an-email\", \"displayName\": \"S\", \"role\": \"Analyst\"}", "email")]
    [InlineData("{\"email\": \"LONG@x.test\", \"displayName\": \"S\", \"role\": \"Analyst\"}", "email")]
    [InlineData("{\"email\": \"someone@x.test\", \"displayName\": \"LONG\", \"role\": \"Analyst\"}", "displayName")]
    [InlineData("{\"email\": [], \"role\": \"Analyst\"}", "email")]
    [InlineData("{not json", "body")]
    public async Task Bad_membership_bodies_answer_400_with_the_field_and_write_nothing(string body, string field)
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var audits = await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id);

        var response = await op.PostRawAsync(Members(fixture.TenantA.Id), body
            .Replace("LONG@", new string('l', 320) + "@", StringComparison.Ordinal)
            .Replace("\"LONG\"", $"\"{new string('d', 201)}\"", StringComparison.Ordinal));

        await response.ShouldHaveFieldErrorAsync(field);
        (await AuditEntries.CountAsync(fixture.Database, fixture.TenantA.Id)).Should().Be(audits);
        await using var db = fixture.Database.AppContext();
        (await db.Users.AnyAsync(u => u.Email.StartsWith("someone@") || u.Email.StartsWith("not-an-email"))).Should().BeFalse();
    }

    [Fact]
    public async Task A_role_change_with_an_unknown_role_is_a_field_error()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var analyst = await UserIdAsync(fixture.TenantA.AnalystEmail);

        var response = await op.PutRawAsync($"{Members(fixture.TenantA.Id)}/{analyst}", "{\"role\": \"Superuser\"}");

        await response.ShouldHaveFieldErrorAsync("role");
    }

    private static string Role(string? snapshot) => JsonDocument.Parse(snapshot!).RootElement.GetProperty("role").ToString();

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var db = fixture.Database.AppContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
