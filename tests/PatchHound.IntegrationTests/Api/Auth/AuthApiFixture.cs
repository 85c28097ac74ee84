using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Auth;

/// <summary>
/// <see cref="ApiFixture"/> with every way of signing in switched on: a real local OpenID Connect authority
/// (<see cref="OidcAuthority"/>), the dev token issuer with a fixed key, API keys and the cookie dev sign-in.
/// </summary>
public class AuthApiFixture : ApiFixture
{
    public static readonly string DevSigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private OidcAuthority? authority;

    public OidcAuthority Authority => authority ?? throw new InvalidOperationException("Not initialized.");

    public override async Task InitializeAsync()
    {
        authority = await OidcAuthority.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (authority is not null)
        {
            await authority.DisposeAsync();
        }
    }

    public HttpClient BearerClient(string token)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient ApiKeyClient(string secret)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    public async Task<string> DevTokenAsync(string email)
    {
        using var client = Api.CreateClient();
        var response = await client.PostAsJsonAsync("/auth/dev/token", new { email });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Creates a key through the API as the tenant's admin; returns its id and secret.</summary>
    public async Task<(Guid Id, string Secret)> CreateApiKeyAsync(ApiTenant tenant, params string[] scopes)
    {
        using var admin = await ClientAsync(tenant.AdminEmail);
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenant.Slug}/api-keys", new { name = "automation", scopes });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("key").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Authentication:Jwt:Authority"] = Authority.Issuer;
        settings["Authentication:Jwt:Audience"] = OidcAuthority.Audience;
        settings["Authentication:Jwt:RequireHttpsMetadata"] = "false";
        settings["Authentication:DevTokens:Enabled"] = "true";
        settings["Authentication:DevTokens:SigningKey"] = DevSigningKey;
        return settings;
    }
}
