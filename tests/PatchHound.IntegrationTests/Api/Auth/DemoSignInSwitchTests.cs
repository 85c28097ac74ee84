using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>The demo's sign-ins are off unless switched on, and Production refuses to start with them on.</summary>
public sealed class DemoSignInSwitchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("Authentication:DevTokens:Enabled", "Authentication:DevTokens:Enabled")]
    [InlineData("Authentication:DevSignInEnabled", "Authentication:DevSignInEnabled")]
    public void Production_refuses_to_start_with_a_demo_sign_in_switched_on(string setting, string named)
    {
        using var host = new HostIn("Production", Settings((setting, "true")));

        var start = () => host.Services;

        start.Should().Throw<InvalidOperationException>().Where(e => e.Message.Contains(named) && e.Message.Contains("Production"));
    }

    [Fact]
    public void Production_starts_with_the_demo_sign_ins_off()
    {
        using var host = new HostIn("Production", Settings());

        var start = () => host.Services;

        start.Should().NotThrow();
    }

    [Fact]
    public async Task Without_the_switch_there_is_no_token_issuer_and_no_token_in_its_name_is_accepted()
    {
        using var host = new HostIn("Development", Settings());
        using var client = host.CreateClient();

        // No POST endpoint at that path: 404, or 405 since the web UI maps GET-only endpoints (pages, and in
        // Development the static assets' fallback) that the router also considers.
        (await client.PostAsJsonAsync("/auth/dev/token", new { email = "admin@demo.patchhound.local" })).StatusCode
            .Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokenSignedWithTheFixtureKey());
        var response = await client.GetAsync("/api/me");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("Authentication:Jwt:Authority");
    }

    private static string DevTokenSignedWithTheFixtureKey() =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "patchhound-dev",
            Audience = "patchhound-api",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(AuthApiFixture.DevSigningKey)), SecurityAlgorithms.HmacSha256),
        });

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = fixture.Database.AppConnectionString(),
            ["DataProtection:ActiveKeyId"] = "k1",
            ["DataProtection:Keys:k1"] = Convert.ToBase64String(new byte[32]),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private sealed class HostIn(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
