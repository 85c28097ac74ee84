using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorTokenTests
{
    private const string Tenant = "5a6b7c8d-1111-4222-8333-944455556666";

    [Fact]
    public async Task The_api_requires_a_bearer_token_issued_by_the_simulator()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var other = await SimulatorServer.StartAsync();
        var foreignToken = await other.TokenAsync(Tenant);

        using var anonymous = await simulator.Client.GetAsync(new Uri("/api/machines", UriKind.Relative));
        using var forged = await GetWithTokenAsync(simulator, foreignToken);
        using var valid = await GetWithTokenAsync(simulator, await simulator.TokenAsync(Tenant));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().Should().Be("Unauthorized");
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "another simulator's key signed it");
        valid.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_with_an_entra_error()
    {
        await using var simulator = await SimulatorServer.StartAsync();

        using var response = await simulator.RequestTokenAsync(Tenant, secret: "not-the-secret");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        error.GetProperty("error").GetString().Should().Be("invalid_client");
        error.GetProperty("error_codes")[0].GetInt32().Should().Be(7000215);
        error.GetProperty("error_description").GetString().Should().StartWith("AADSTS7000215:").And.NotContain("not-the-secret");
    }

    [Fact]
    public async Task A_token_response_has_the_entra_shape_and_a_tenant_secret_overrides_the_default()
    {
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            [$"Simulator:Tenants:{Tenant}:ClientSecret"] = "tenant-secret",
        });

        using var withDefault = await simulator.RequestTokenAsync(Tenant);
        using var withTenantSecret = await simulator.RequestTokenAsync(Tenant, secret: "tenant-secret");

        withDefault.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var token = await withTenantSecret.Content.ReadFromJsonAsync<JsonElement>();
        token.GetProperty("token_type").GetString().Should().Be("Bearer");
        token.GetProperty("expires_in").GetInt32().Should().Be(3599);
        token.GetProperty("access_token").GetString()!.Split('.').Should().HaveCount(3, "it is a JWT");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var clock = new ShiftingTimeProvider();
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?> { ["Simulator:TokenLifetimeSeconds"] = "600" }, clock);
        var token = await simulator.TokenAsync(Tenant);

        clock.Offset = TimeSpan.FromMinutes(11);
        using var response = await GetWithTokenAsync(simulator, token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("expired");
    }

    [Fact]
    public async Task Metadata_lets_an_msal_client_use_the_simulator_as_authority_host()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var origin = SimulatorPagingTests.Origin(simulator);

        var discovery = await simulator.Client.GetFromJsonAsync<JsonElement>(
            $"/common/discovery/instance?api-version=1.1&authorization_endpoint={origin}/{Tenant}/oauth2/v2.0/authorize");
        var configuration = await simulator.Client.GetFromJsonAsync<JsonElement>(discovery.GetProperty("tenant_discovery_endpoint").GetString());

        configuration.GetProperty("token_endpoint").GetString().Should().Be($"{origin}/{Tenant}/oauth2/v2.0/token");
        configuration.GetProperty("issuer").GetString().Should().Be($"{origin}/{Tenant}/v2.0");
        (await simulator.Client.GetAsync(new Uri(configuration.GetProperty("jwks_uri").GetString()!))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> GetWithTokenAsync(SimulatorServer simulator, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/machines");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await simulator.Client.SendAsync(request);
    }
}
