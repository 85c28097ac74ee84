using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Config;

[Collection(ConfigApiCollection.Name)]
public sealed class TenantsAdminApiTests(ConfigApiFixture fixture)
{
    private const string Tenants = "/api/admin/tenants";

    [Fact]
    public async Task An_operator_creates_reads_lists_and_updates_a_tenant_and_each_change_is_audited_in_that_tenant()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var slug = UniqueSlug("acme");

        var create = await op.PostAsJsonAsync(Tenants, new { slug, name = "Acme Corp", edition = "Standard" });
        var created = await create.ShouldBeAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        create.Headers.Location!.ToString().Should().Be($"{Tenants}/{id}");
        created.GetProperty("status").GetString().Should().Be("Active");
        created.GetProperty("edition").GetString().Should().Be("Standard");
        created.GetProperty("settings").GetProperty("timeZone").GetString().Should().Be("UTC");

        var update = await op.PutAsJsonAsync($"{Tenants}/{id}", new
        {
            name = "Acme Corporation",
            edition = "Enterprise",
            settings = new { ingestionRetryCount = 5, timeZone = "Europe/Amsterdam" },
        });
        await update.ShouldBeAsync(HttpStatusCode.OK);
        var read = await (await op.GetAsync($"{Tenants}/{id}")).ShouldBeAsync(HttpStatusCode.OK);

        read.GetProperty("name").GetString().Should().Be("Acme Corporation");
        read.GetProperty("slug").GetString().Should().Be(slug);
        read.GetProperty("edition").GetString().Should().Be("Enterprise");
        read.GetProperty("settings").GetProperty("ingestionRetryCount").GetInt32().Should().Be(5);
        read.GetProperty("settings").GetProperty("timeZone").GetString().Should().Be("Europe/Amsterdam");
        var audit = await AuditEntries.ForAsync(fixture.Database, id, id.ToString());
        var actor = $"user:{await OperatorIdAsync()}";
        audit.Select(a => a.Action).Should().Equal("tenant.created", "tenant.updated");
        audit.Should().OnlyContain(a => a.Actor == actor && a.EntityType == "tenant");
        audit[1].Before.Should().Contain("\"Acme Corp\"").And.NotContain("Europe/Amsterdam");
        audit[1].After.Should().Contain("\"Acme Corporation\"").And.Contain("Europe/Amsterdam");
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(id));
        (await db.SlaPolicies.SingleAsync()).CriticalDays.Should().Be(7, "a new tenant starts with the default SLA policy");
    }

    [Fact]
    public async Task The_tenant_list_is_ordered_by_slug_and_pages_with_a_cursor_without_gaps_or_repeats()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        foreach (var prefix in new[] { "page-c", "page-a", "page-b" })
        {
            (await op.PostAsJsonAsync(Tenants, new { slug = UniqueSlug(prefix), name = prefix, edition = "Free" })).EnsureSuccessStatusCode();
        }

        var all = (await (await op.GetAsync($"{Tenants}?limit=500")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await op.GetAsync($"{Tenants}?limit=2{(cursor is null ? string.Empty : $"&cursor={cursor}")}")).ShouldBeAsync(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
            items.Count.Should().BeLessThanOrEqualTo(2);
            paged.AddRange(items);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        all.Count.Should().BeGreaterThanOrEqualTo(5);
        all.Should().BeInAscendingOrder(StringComparer.Ordinal);
        paged.Should().Equal(all);
        await (await op.GetAsync($"{Tenants}?cursor=not-a-cursor")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Suspending_locks_the_tenants_users_out_until_it_is_reactivated_and_a_repeated_suspend_is_a_conflict()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var (id, slug, adminEmail) = await CreateTenantWithAdminAsync(op, "suspend");
        var admin = await fixture.SignInAsync(adminEmail);
        await (await admin.GetAsync($"/api/tenants/{slug}/sla-policy")).ShouldBeAsync(HttpStatusCode.OK);

        var suspended = await (await op.PostAsync($"{Tenants}/{id}/suspend", null)).ShouldBeAsync(HttpStatusCode.OK);
        var again = await op.PostAsync($"{Tenants}/{id}/suspend", null);

        suspended.GetProperty("status").GetString().Should().Be("Suspended");
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().Should().Be("tenant.invalid_transition");
        await (await admin.GetAsync($"/api/tenants/{slug}/sla-policy")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var reactivated = await (await op.PostAsync($"{Tenants}/{id}/reactivate", null)).ShouldBeAsync(HttpStatusCode.OK);
        reactivated.GetProperty("status").GetString().Should().Be("Active");
        await (await admin.GetAsync($"/api/tenants/{slug}/sla-policy")).ShouldBeAsync(HttpStatusCode.OK);
        (await AuditEntries.ForAsync(fixture.Database, id, id.ToString())).Select(a => a.Action)
            .Should().Equal("tenant.created", "tenant.suspended", "tenant.reactivated");
    }

    [Fact]
    public async Task A_taken_slug_is_a_conflict_and_writes_nothing()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var before = await TenantCountAsync();

        var taken = await op.PostAsJsonAsync(Tenants, new { slug = fixture.TenantA.Slug, name = "Imposter", edition = "Free" });

        await taken.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await TenantCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Only_platform_operators_may_use_the_tenant_api()
    {
        var anonymous = fixture.Anonymous();
        var admin = await fixture.SignInAsync(fixture.TenantA.AdminEmail);
        var id = fixture.TenantA.Id;
        var body = new { name = "x", edition = "Free", slug = "never-created", settings = new { ingestionRetryCount = 1, timeZone = "UTC" } };

        foreach (var client in new[] { anonymous, admin })
        {
            var expected = client == anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            await (await client.GetAsync(Tenants)).ShouldBeProblemAsync(expected);
            await (await client.PostAsJsonAsync(Tenants, body)).ShouldBeProblemAsync(expected);
            await (await client.GetAsync($"{Tenants}/{id}")).ShouldBeProblemAsync(expected);
            await (await client.PutAsJsonAsync($"{Tenants}/{id}", body)).ShouldBeProblemAsync(expected);
            await (await client.PostAsync($"{Tenants}/{id}/suspend", null)).ShouldBeProblemAsync(expected);
            await (await client.PostAsync($"{Tenants}/{id}/reactivate", null)).ShouldBeProblemAsync(expected);
        }

        await using var db = fixture.Database.AppContext();
        (await db.Tenants.AnyAsync(t => t.Slug == "never-created")).Should().BeFalse();
        (await db.Tenants.SingleAsync(t => t.Id == id)).Status.Should().Be(Core.Tenancy.TenantStatus.Active);
    }

    [Fact]
    public async Task Unknown_tenant_ids_are_not_found()
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var unknown = Guid.NewGuid();
        var body = new { name = "x", edition = "Free", settings = new { ingestionRetryCount = 1, timeZone = "UTC" } };

        await (await op.GetAsync($"{Tenants}/{unknown}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.PutAsJsonAsync($"{Tenants}/{unknown}", body)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.PostAsync($"{Tenants}/{unknown}/suspend", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await op.PostAsync($"{Tenants}/{unknown}/reactivate", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("{\"slug\": 5, \"name\": \"n\", \"edition\": \"Free\"}", "slug")]
    [InlineData("{\"slug\": \"fine-slug\", \"name\": \"n\", \"edition\": \"Platinum\"}", "edition")]
    [InlineData("{\"slug\": \"fine-slug\", \"name\": \"n\", \"edition\": 1}", "edition")]
    [InlineData("{\"slug\": \"fine-slug\", \"name\": \"n\"}", "edition")]
    [InlineData("{\"slug\": \"Not_A_Slug\", \"name\": \"n\", \"edition\": \"Free\"}", "slug")]
    [InlineData("{\"slug\": \"fine-slug\", \"name\": \"NAME_201\", \"edition\": \"Free\"}", "name")]
    public async Task Bad_create_bodies_answer_400_with_the_field_and_write_nothing(string body, string field)
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var before = await TenantCountAsync();

        var response = await op.PostRawAsync(Tenants, body.Replace("NAME_201", new string('n', 201), StringComparison.Ordinal));

        await response.ShouldHaveFieldErrorAsync(field);
        (await TenantCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("{\"name\": \"n\", \"edition\": \"Free\", \"settings\": {\"ingestionRetryCount\": 21, \"timeZone\": \"UTC\"}}", "settings")]
    [InlineData("{\"name\": \"n\", \"edition\": \"Free\", \"settings\": {\"ingestionRetryCount\": 2, \"timeZone\": \"Mars/Olympus\"}}", "settings")]
    [InlineData("{\"name\": \"n\", \"edition\": \"Free\", \"settings\": {\"ingestionRetryCount\": \"two\", \"timeZone\": \"UTC\"}}", "settings.ingestionRetryCount")]
    [InlineData("{\"name\": \"n\", \"edition\": \"Free\"}", "settings")]
    [InlineData("{\"name\": \"\", \"edition\": \"Free\", \"settings\": {\"ingestionRetryCount\": 2, \"timeZone\": \"UTC\"}}", "name")]
    public async Task Bad_update_bodies_answer_400_with_the_field_and_change_nothing(string body, string field)
    {
        var op = await fixture.SignInAsync(ApiFixture.OperatorEmail);
        var id = fixture.TenantB.Id;
        var audits = await AuditEntries.CountAsync(fixture.Database, id);

        var response = await op.PutRawAsync($"{Tenants}/{id}", body);

        await response.ShouldHaveFieldErrorAsync(field);
        await using var db = fixture.Database.AppContext();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == id);
        tenant.Name.Should().Be("TENANT-B");
        tenant.Settings.TimeZone.Should().Be("UTC");
        (await AuditEntries.CountAsync(fixture.Database, id)).Should().Be(audits);
    }

    internal static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    /// <summary>A new tenant (through the API) with a new admin user.</summary>
    internal static async Task<(Guid Id, string Slug, string AdminEmail)> CreateTenantWithAdminAsync(HttpClient op, string prefix)
    {
        var slug = UniqueSlug(prefix);
        var created = await (await op.PostAsJsonAsync(Tenants, new { slug, name = prefix, edition = "Free" })).ShouldBeAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var email = $"admin@{slug}.test";
        var member = await op.PostAsJsonAsync($"{Tenants}/{id}/memberships", new { email, displayName = $"Admin of {slug}", role = "TenantAdmin" });
        await member.ShouldBeAsync(HttpStatusCode.Created);
        return (id, slug, email);
    }

    private async Task<Guid> OperatorIdAsync()
    {
        await using var db = fixture.Database.AppContext();
        return await db.Users.Where(u => u.Email == ApiFixture.OperatorEmail).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> TenantCountAsync()
    {
        await using var db = fixture.Database.AppContext();
        return await db.Tenants.CountAsync();
    }
}
