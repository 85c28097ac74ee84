using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.Core.Sources;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>Automation calling the API with a key: the <c>ApiKey</c> scheme, its tenant, its scopes and its use.</summary>
public sealed class ApiKeyAuthenticationTests(AuthApiFixture fixture) : IClassFixture<AuthApiFixture>
{
    [Fact]
    public async Task A_read_key_acts_as_an_auditor_of_its_tenant_with_no_user()
    {
        var (_, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read");
        using var client = fixture.ApiKeyClient(secret);

        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("actor").GetString().Should().Be($"apikey:{secret[36..44]}");
        me.GetProperty("userId").ValueKind.Should().Be(JsonValueKind.Null);
        me.GetProperty("apiKeyScopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("read");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).Should().Equal("Auditor");
    }

    [Fact]
    public async Task The_key_is_accepted_in_the_Authorization_header_too_and_write_acts_as_an_analyst()
    {
        var (_, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "write");
        using var client = fixture.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", secret);

        var me = await client.GetFromJsonAsync<JsonElement>($"/api/tenants/{fixture.TenantA.Id}/me");

        me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).Should().Equal("Analyst");
    }

    [Fact]
    public async Task A_key_of_tenant_A_gets_404_on_tenant_B()
    {
        var source = await SeedSourceAsync(fixture.TenantB);
        var (_, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read", "write", "ingestion:trigger");
        using var client = fixture.ApiKeyClient(secret);

        (await client.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/me")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/tenants/{fixture.TenantB.Id}/sources/{source}/runs")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/tenants/{fixture.TenantB.Slug}/sources/{source}/runs", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantB.Id));
        (await db.IngestionRuns.CountAsync(r => r.SourceId == source)).Should().Be(0);
    }

    [Fact]
    public async Task Ingestion_trigger_lets_a_key_start_a_run_and_nothing_else()
    {
        var source = await SeedSourceAsync(fixture.TenantA);
        var (_, trigger) = await fixture.CreateApiKeyAsync(fixture.TenantA, "ingestion:trigger");
        var (_, write) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read", "write");
        var runs = $"/api/tenants/{fixture.TenantA.Slug}/sources/{source}/runs";
        using var triggerClient = fixture.ApiKeyClient(trigger);
        using var writeClient = fixture.ApiKeyClient(write);

        var refused = await writeClient.PostAsync(runs, null);
        var started = await triggerClient.PostAsync(runs, null);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("'ingestion:trigger'");
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        (await triggerClient.GetAsync(runs)).StatusCode.Should().Be(HttpStatusCode.OK);
        var read = await triggerClient.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");
        read.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("'read'");
    }

    [Fact]
    public async Task Keys_never_manage_keys_nor_open_operator_pages()
    {
        var (_, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read", "write", "ingestion:trigger");
        using var client = fixture.ApiKeyClient(secret);

        var keys = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/api-keys");
        var create = await client.PostAsJsonAsync($"/api/tenants/{fixture.TenantA.Slug}/api-keys", new { name = "child", scopes = new[] { "read" } });

        keys.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await keys.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("API keys cannot");
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/admin/jobs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/admin/jobs/failed")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_saying_so()
    {
        var (id, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read");
        using var client = fixture.ApiKeyClient(secret);
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        using (var admin = await fixture.ClientAsync(fixture.TenantA.AdminEmail))
        {
            (await admin.PostAsync($"/api/tenants/{fixture.TenantA.Slug}/api-keys/{id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("revoked");
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task An_expired_key_gets_401_saying_so()
    {
        var now = DateTimeOffset.UtcNow;
        var issued = ApiKey.Issue(fixture.TenantA.Id, "old", ["read"], await AdminIdAsync(), now.AddDays(-10), now.AddMinutes(-1));
        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            db.ApiKeys.Add(issued.Key);
            await db.SaveChangesAsync();
        }

        using var client = fixture.ApiKeyClient($"ph_{fixture.TenantA.Id:N}_{issued.Secret}");
        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("expired");
    }

    [Theory]
    [InlineData("not-a-key", "malformed")]
    [InlineData("ph_00000000000000000000000000000000_abcdefghijklmnop", "malformed")]
    [InlineData("ph_TENANT_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "not valid")]
    public async Task A_wrong_key_gets_401(string presented, string reason)
    {
        using var client = fixture.ApiKeyClient(presented.Replace("TENANT", fixture.TenantA.Id.ToString("N"), StringComparison.Ordinal));

        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain(reason);
    }

    [Fact]
    public async Task A_right_prefix_with_a_wrong_rest_gets_401()
    {
        var (_, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read");
        using var client = fixture.ApiKeyClient(secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Last_use_is_written_at_most_once_a_minute()
    {
        var (id, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read");
        using var client = fixture.ApiKeyClient(secret);
        (await LastUsedAsync(id)).Should().BeNull();

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        var first = await LastUsedAsync(id);
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        var second = await LastUsedAsync(id);
        await using (var owner = fixture.Database.OwnerContext())
        {
            await owner.Database.ExecuteSqlAsync(
                $"UPDATE api_keys SET last_used_at = last_used_at - interval '2 minutes' WHERE tenant_id = {fixture.TenantA.Id} AND id = {id}");
        }

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        var third = await LastUsedAsync(id);

        first.Should().NotBeNull().And.BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        second.Should().Be(first);
        third.Should().NotBeNull().And.BeOnOrAfter(first!.Value);
    }

    private async Task<DateTimeOffset?> LastUsedAsync(Guid id)
    {
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id));
        return await db.ApiKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.LastUsedAt).SingleAsync();
    }

    private async Task<Guid> AdminIdAsync()
    {
        await using var db = fixture.Database.AppContext();
        return await db.Users.Where(u => u.Email == fixture.TenantA.AdminEmail).Select(u => u.Id).SingleAsync();
    }

    private async Task<Guid> SeedSourceAsync(ApiTenant tenant)
    {
        var source = new SourceConfiguration(tenant.Id, SourceKind.Simulator, $"source {Guid.NewGuid():N}", "0 0 1 1 *",
            "http://127.0.0.1:9/", null, DateTimeOffset.UtcNow);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant.Id));
        db.SourceConfigurations.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }
}
