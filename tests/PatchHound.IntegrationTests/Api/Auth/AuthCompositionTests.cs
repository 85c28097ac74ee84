using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>One endpoint, every way of signing in; and the answers for those who did not.</summary>
public sealed class AuthCompositionTests(AuthApiFixture fixture) : IClassFixture<AuthApiFixture>
{
    private string Me => $"/api/tenants/{fixture.TenantA.Slug}/me";

    [Fact]
    public async Task The_same_endpoint_accepts_a_session_cookie_an_identity_provider_token_a_dev_token_and_an_api_key()
    {
        var (_, secret) = await fixture.CreateApiKeyAsync(fixture.TenantA, "read");
        using var cookie = await fixture.ClientAsync(fixture.TenantA.AuditorEmail);
        using var bearer = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), fixture.TenantA.AuditorEmail));
        using var devToken = fixture.BearerClient(await fixture.DevTokenAsync(fixture.TenantA.AuditorEmail));
        using var apiKey = fixture.ApiKeyClient(secret);

        var actors = new List<string>();
        foreach (var client in new[] { cookie, bearer, devToken, apiKey })
        {
            var response = await client.GetAsync(Me);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var me = await response.Content.ReadFromJsonAsync<JsonElement>();
            me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).Should().Equal("Auditor");
            actors.Add(me.GetProperty("actor").GetString()!);
        }

        actors.Take(3).Distinct().Should().ContainSingle().Which.Should().StartWith("user:");
        actors[3].Should().StartWith("apikey:");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Anonymous_callers_get_401_problem_naming_the_ways_to_sign_in(string? authorization)
    {
        using var client = fixture.Api.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        var response = await client.GetAsync(Me);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(401);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().BeEquivalentTo("Bearer", "ApiKey");
    }

    [Fact]
    public async Task An_empty_bearer_token_gets_401()
    {
        using var client = fixture.Api.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer ");

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_forbidden_call_gets_403_problem()
    {
        using var auditor = fixture.BearerClient(await fixture.DevTokenAsync(fixture.TenantA.AuditorEmail));

        var response = await auditor.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/api-keys");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_session_of_a_user_disabled_after_sign_in_is_refused_as_soon_as_the_change_commits()
    {
        var user = new User($"session-{Guid.NewGuid():N}@tenant-a.test", "Session", DateTimeOffset.UtcNow);
        await using (var db = fixture.Database.AppContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        using var client = await fixture.ClientAsync(user.Email);
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = fixture.Database.AppContext())
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        // Written by another process (this test's own DbContext): the API hears of it when the commit is announced.
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync("/api/me")).StatusCode == HttpStatusCode.Unauthorized,
            "the session should be refused once the change commits", TimeSpan.FromSeconds(2));
        using var again = fixture.Api.CreateClient();
        (await again.PostAsJsonAsync("/auth/dev/sign-in", new { email = user.Email })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_sign_in_sees_a_membership_granted_after_an_earlier_one()
    {
        var user = new User($"joiner-{Guid.NewGuid():N}@tenant-a.test", "Joiner", DateTimeOffset.UtcNow);
        await using (var db = fixture.Database.AppContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        using (var before = fixture.BearerClient(await fixture.DevTokenAsync(user.Email)))
        {
            (await before.GetAsync(Me)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            db.TenantMemberships.Add(new TenantMembership(fixture.TenantA.Id, user.Id, TenantRole.Analyst));
            await db.SaveChangesAsync();
        }

        using var cookie = await fixture.ClientAsync(user.Email);
        using var token = fixture.BearerClient(await fixture.DevTokenAsync(user.Email));
        (await cookie.GetAsync(Me)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await token.GetAsync(Me)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_OpenAPI_document_names_the_bearer_and_api_key_schemes_and_the_key_endpoints()
    {
        using var client = fixture.Api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("ApiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name)
            .Should().Contain("/api/tenants/{tenant}/api-keys/{id}/revoke").And.Contain("/auth/dev/token").And.Contain("/api/me");
    }
}
