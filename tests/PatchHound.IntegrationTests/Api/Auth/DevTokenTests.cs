using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>The demo's built-in token issuer: <c>POST /auth/dev/token</c> and the bearer scheme that accepts its tokens.</summary>
public sealed class DevTokenTests(AuthApiFixture fixture) : IClassFixture<AuthApiFixture>
{
    [Fact]
    public async Task A_dev_token_signs_in_the_seeded_user_with_their_roles()
    {
        using var anonymous = fixture.Api.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/auth/dev/token", new { email = fixture.TenantB.AuditorEmail });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        issued.GetProperty("tokenType").GetString().Should().Be("Bearer");
        issued.GetProperty("expiresIn").GetInt32().Should().Be(3600);

        using var client = fixture.BearerClient(issued.GetProperty("accessToken").GetString()!);
        var me = await client.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/me");

        me.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("email").GetString().Should().Be(fixture.TenantB.AuditorEmail);
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).Should().Equal("Auditor");
        (await client.GetAsync($"/api/tenants/{fixture.TenantB.Slug}/api-keys")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/tenants/{fixture.TenantA.Slug}/me")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task No_dev_token_for_an_unknown_user()
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/dev/token", new { email = "nobody@nowhere.test" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"email\": 5}", "email")]
    [InlineData("{not json", "body")]
    public async Task A_bad_dev_token_request_gets_400_with_field_errors(string body, string field)
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.PostAsync("/auth/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Contain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_oversized_email_gets_400_with_a_field_error()
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/dev/token", new { email = new string('a', 400) + "@x.test" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Contain(n => n.Equals("email", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_token_in_the_dev_issuers_name_signed_with_another_key_gets_401()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "patchhound-dev",
            Audience = "patchhound-api",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Enumerable.Repeat((byte)7, 32).ToArray()), SecurityAlgorithms.HmacSha256),
        });
        using var client = fixture.BearerClient(forged);

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("signature");
    }
}
