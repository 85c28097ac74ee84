using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>Bearer tokens of an OpenID Connect authority (a real local one, shaped like Entra ID).</summary>
public sealed class JwtBearerTests(AuthApiFixture fixture) : IClassFixture<AuthApiFixture>
{
    [Fact]
    public async Task A_valid_token_signs_in_the_user_found_by_email_and_links_the_subject()
    {
        var objectId = Guid.NewGuid().ToString();
        using var client = fixture.BearerClient(fixture.Authority.IssueFor(objectId, fixture.TenantA.AnalystEmail.ToUpperInvariant()));

        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("email").GetString().Should().Be(fixture.TenantA.AnalystEmail);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).Should().Equal("Analyst");
        (await UserAsync(fixture.TenantA.AnalystEmail)).ExternalSubject.Should().Be(objectId);
    }

    [Fact]
    public async Task Once_linked_the_subject_finds_the_user_whatever_email_the_token_carries()
    {
        var objectId = Guid.NewGuid().ToString();
        using (var first = fixture.BearerClient(fixture.Authority.IssueFor(objectId, fixture.TenantA.AuditorEmail)))
        {
            (await first.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var renamed = fixture.BearerClient(fixture.Authority.IssueFor(objectId, "renamed@elsewhere.test"));
        var me = await (await renamed.GetAsync("/api/me")).Content.ReadFromJsonAsync<JsonElement>();

        me.GetProperty("email").GetString().Should().Be(fixture.TenantA.AuditorEmail);
    }

    [Fact]
    public async Task An_expired_token_gets_401_with_a_problem_and_a_challenge_that_say_it_expired()
    {
        using var client = fixture.BearerClient(
            fixture.Authority.IssueFor(Guid.NewGuid().ToString(), fixture.TenantA.AdminEmail, DateTimeOffset.UtcNow.AddMinutes(-10)));

        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("detail").GetString().Should().StartWith("The token expired at ");
        var challenge = response.Headers.WwwAuthenticate.Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().Contain("error=\"invalid_token\"").And.Contain("expired");
    }

    [Theory]
    [InlineData("audience", "another audience")]
    [InlineData("issuer", "issuer is not trusted")]
    [InlineData("signature", "signature does not verify")]
    public async Task A_token_with_a_wrong_audience_issuer_or_signature_gets_401(string wrong, string reason)
    {
        var claims = new Dictionary<string, object> { ["oid"] = Guid.NewGuid().ToString(), ["preferred_username"] = fixture.TenantA.AdminEmail };
        var token = wrong switch
        {
            "audience" => fixture.Authority.Issue(claims, audience: "api://someone-else"),
            "issuer" => fixture.Authority.Issue(claims, issuer: "https://login.example.com/other/v2.0"),
            _ => fixture.Authority.Issue(claims, key: OidcAuthority.ForeignKey()),
        };
        using var client = fixture.BearerClient(token);

        var response = await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain(reason);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        (await UserAsync(fixture.TenantA.AdminEmail)).ExternalSubject.Should().NotBe((string)claims["oid"]);
    }

    [Fact]
    public async Task A_valid_token_of_someone_who_is_no_PatchHound_user_gets_401()
    {
        using var client = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), "stranger@nowhere.test"));

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("No PatchHound user");
    }

    [Fact]
    public async Task A_disabled_user_gets_401_even_with_a_linked_subject()
    {
        var objectId = Guid.NewGuid().ToString();
        var email = await SeedUserAsync("disabled");
        using var client = fixture.BearerClient(fixture.Authority.IssueFor(objectId, email));
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = fixture.Database.AppContext())
        {
            (await db.Users.SingleAsync(u => u.Email == email)).Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("disabled");
    }

    [Fact]
    public async Task A_user_linked_to_one_subject_is_refused_for_another()
    {
        var email = await SeedUserAsync("linked");
        using (var owner = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), email)))
        {
            (await owner.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var impostor = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), email));
        var response = await impostor.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("another identity-provider account");
    }

    [Fact]
    public async Task A_token_user_of_tenant_A_gets_404_for_tenant_B()
    {
        using var client = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), fixture.TenantA.AdminEmail));

        (await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/api-keys")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/api-keys")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/tenants/{fixture.TenantB.Id}/me")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_platform_operator_with_a_token_opens_the_job_dashboard_and_others_get_403()
    {
        using var operatorClient = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), ApiFixture.OperatorEmail));
        using var admin = fixture.BearerClient(fixture.Authority.IssueFor(Guid.NewGuid().ToString(), fixture.TenantB.AdminEmail));

        (await operatorClient.GetAsync("/admin/jobs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await admin.GetAsync("/admin/jobs");

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<User> UserAsync(string email)
    {
        await using var db = fixture.Database.AppContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private async Task<string> SeedUserAsync(string name)
    {
        var user = new User($"{name}-{Guid.NewGuid():N}@tenant-a.test", name, DateTimeOffset.UtcNow);
        await using (var db = fixture.Database.AppContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        await using (var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(fixture.TenantA.Id)))
        {
            db.TenantMemberships.Add(new TenantMembership(fixture.TenantA.Id, user.Id, TenantRole.Auditor));
            await db.SaveChangesAsync();
        }

        return user.Email;
    }
}
