using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>Tenant admins manage API keys: <c>/api/tenants/{tenant}/api-keys</c>.</summary>
public sealed class ApiKeysApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private string Keys => $"/api/tenants/{fixture.TenantA.Slug}/api-keys";

    [Fact]
    public async Task Creating_a_key_shows_its_secret_once_and_stores_only_its_hash()
    {
        using var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail);

        var response = await admin.PostAsJsonAsync(Keys, new { name = "nightly export", scopes = new[] { "read", "write" }, expiresInDays = 30 });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var key = created.GetProperty("key");
        var id = key.GetProperty("id").GetGuid();
        secret.Should().StartWith($"ph_{fixture.TenantA.Id:N}_");
        response.Headers.Location!.ToString().Should().EndWith($"/api-keys/{id}");
        key.GetProperty("prefix").GetString().Should().Be(secret[36..44]);
        key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("read", "write");
        key.GetProperty("status").GetString().Should().Be("active");
        (key.GetProperty("expiresAt").GetDateTimeOffset() - key.GetProperty("createdAt").GetDateTimeOffset()).Should().Be(TimeSpan.FromDays(30));

        var listed = await admin.GetStringAsync(Keys);
        var fetched = await admin.GetStringAsync($"{Keys}/{id}");
        foreach (var answer in new[] { listed, fetched })
        {
            answer.Should().Contain(id.ToString()).And.NotContain(secret[36..]).And.NotContainEquivalentOf("hash");
        }

        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        stored.KeyHash.Should().Be(ApiKey.HashSecret(secret[36..])).And.NotContain(secret[36..]);
        var entry = await db.AuditLogEntries.AsNoTracking().SingleAsync(e => e.EntityId == id.ToString());
        entry.Action.Should().Be("api_key.created");
        entry.Actor.Should().StartWith("user:");
        entry.After.Should().Contain("nightly export").And.NotContain(secret[36..]).And.NotContain(stored.KeyHash);
    }

    [Fact]
    public async Task A_key_without_expiry_lives_the_default_90_days()
    {
        using var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail);

        var created = await (await admin.PostAsJsonAsync(Keys, new { name = "default", scopes = new[] { "read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var key = created.GetProperty("key");
        (key.GetProperty("expiresAt").GetDateTimeOffset() - key.GetProperty("createdAt").GetDateTimeOffset()).Should().Be(TimeSpan.FromDays(90));
    }

    [Fact]
    public async Task Revoking_is_idempotent_and_audited_once()
    {
        using var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail);
        var id = (await (await admin.PostAsJsonAsync(Keys, new { name = "to revoke", scopes = new[] { "read" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("id").GetGuid();

        var first = await (await admin.PostAsync($"{Keys}/{id}/revoke", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await admin.PostAsync($"{Keys}/{id}/revoke", null);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("status").GetString().Should().Be("revoked");
        again.GetProperty("revokedAt").GetDateTimeOffset().Should().BeCloseTo(first.GetProperty("revokedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        var entries = await db.AuditLogEntries.AsNoTracking().Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        entries.Should().BeEquivalentTo("api_key.created", "api_key.revoked");
    }

    [Fact]
    public async Task The_list_pages_newest_first_with_a_cursor()
    {
        using var admin = await fixture.ClientAsync(fixture.TenantB.AdminEmail);
        var keys = $"/api/tenants/{fixture.TenantB.Slug}/api-keys";
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await (await admin.PostAsJsonAsync(keys, new { name = $"key {i}", scopes = new[] { "read" } }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("id").GetGuid());
        }

        var first = await admin.GetFromJsonAsync<JsonElement>($"{keys}?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"{keys}?limit=2&cursor={cursor}");

        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(k => k.GetProperty("id").GetGuid()).ToList();
        paged.Should().Equal(Enumerable.Reverse(ids));
        second.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        (await admin.GetAsync($"{keys}?cursor=not-a-cursor")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var anonymous = fixture.Api.CreateClient();

        (await anonymous.GetAsync(Keys)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync(Keys, new { name = "x", scopes = new[] { "read" } })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(TenantRole.Analyst)]
    [InlineData(TenantRole.Auditor)]
    public async Task Only_tenant_admins_manage_keys(TenantRole role)
    {
        using var client = await fixture.ClientAsync(role == TenantRole.Analyst ? fixture.TenantA.AnalystEmail : fixture.TenantA.AuditorEmail);

        (await client.GetAsync(Keys)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync(Keys, new { name = "x", scopes = new[] { "read" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenants_admin_and_another_tenants_key_ids_get_404()
    {
        using var adminA = await fixture.ClientAsync(fixture.TenantA.AdminEmail);
        using var adminB = await fixture.ClientAsync(fixture.TenantB.AdminEmail);
        var id = (await (await adminA.PostAsJsonAsync(Keys, new { name = "of A", scopes = new[] { "read" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("id").GetGuid();

        (await adminB.GetAsync(Keys)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminB.GetAsync($"{Keys}/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminB.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/api-keys/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminB.PostAsync($"/api/tenants/{fixture.TenantB.Slug}/api-keys/{id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminA.GetAsync($"{Keys}/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminA.GetFromJsonAsync<JsonElement>($"{Keys}/{id}")).GetProperty("revokedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("{\"name\": \"x\", \"scopes\": 5}", "scopes")]
    [InlineData("{\"name\": 7, \"scopes\": [\"read\"]}", "name")]
    [InlineData("{\"scopes\": [\"read\"]}", "name")]
    [InlineData("{\"name\": \"x\"}", "scopes")]
    [InlineData("{\"name\": \"x\", \"scopes\": []}", "scopes")]
    [InlineData("{\"name\": \"x\", \"scopes\": [\"admin\"]}", "scopes")]
    [InlineData("{\"name\": \"x\", \"scopes\": [\"read\"], \"expiresInDays\": 91}", "expiresInDays")]
    [InlineData("{\"name\": \"x\", \"scopes\": [\"read\"], \"expiresInDays\": 0}", "expiresInDays")]
    [InlineData("{\"name\": \"x\", \"scopes\": [\"read\"], \"expiresInDays\": \"soon\"}", "expiresInDays")]
    [InlineData("{\"name\": \"   \", \"scopes\": [\"read\"]}", "name")]
    public async Task A_bad_body_gets_400_with_the_field_and_writes_nothing(string body, string field)
    {
        using var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail);
        var before = await CountKeysAsync();

        var response = await admin.PostAsync(Keys, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Contain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase));
        (await CountKeysAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_oversized_name_gets_400_with_the_field()
    {
        using var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail);
        var before = await CountKeysAsync();

        var response = await admin.PostAsJsonAsync(Keys, new { name = new string('n', 201), scopes = new[] { "read" } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Contain(n => n.Equals("name", StringComparison.OrdinalIgnoreCase));
        (await CountKeysAsync()).Should().Be(before);
    }

    private async Task<int> CountKeysAsync()
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        return await db.ApiKeys.CountAsync();
    }
}
