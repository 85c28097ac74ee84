extern alias DefenderSimulator;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderSimulator::PatchHound.DefenderSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PatchHound.IntegrationTests.Simulator;

/// <summary>
/// The Defender simulator on a real Kestrel port in this process, configured by settings as its host is
/// (<c>Simulator:Tenants:{id}:Devices</c>…). Also usable by client tests: <see cref="BaseAddress"/> is both the
/// authority host and the API base.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    public const string Secret = "simulator-secret";
    public const string Scope = "https://api.securitycenter.microsoft.com/.default";

    private readonly WebApplication app;

    private SimulatorServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseAddress { get; }

    /// <summary>An unauthenticated client on <see cref="BaseAddress"/>.</summary>
    public HttpClient Client { get; }

    public static async Task<SimulatorServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings?.GetValueOrDefault("urls") ?? "http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(WithRateLimits(settings ?? new Dictionary<string, string?>()));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddDefenderSimulator();
        var app = builder.Build();
        app.MapDefenderSimulator();
        await app.StartAsync();
        return new SimulatorServer(app, new Uri(app.Urls.First()));
    }

    /// <summary>
    /// Defender's documented limits (30 export calls a minute per tenant) are off unless a test sets
    /// <c>Simulator:RateLimits:*</c> itself: most tests read many small pages in seconds on purpose. The rate limit tests
    /// turn them on (ADR 0017).
    /// </summary>
    private static IReadOnlyDictionary<string, string?> WithRateLimits(IReadOnlyDictionary<string, string?> settings) =>
        settings.Keys.Any(k => k.StartsWith("Simulator:RateLimits", StringComparison.OrdinalIgnoreCase))
            ? settings
            : new Dictionary<string, string?>(settings) { ["Simulator:RateLimits:Enabled"] = "false" };

    public async Task<HttpResponseMessage> RequestTokenAsync(string tenantId, string secret = Secret, string clientId = "patchhound-test")
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = Scope,
        });
        return await Client.PostAsync(new Uri($"/{tenantId}/oauth2/v2.0/token", UriKind.Relative), form);
    }

    public async Task<string> TokenAsync(string tenantId)
    {
        using var response = await RequestTokenAsync(tenantId);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["access_token"]!.GetValue<string>();
    }

    /// <summary>A client that sends a fresh token of <paramref name="tenantId"/> on every request.</summary>
    public async Task<HttpClient> ClientForAsync(string tenantId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(tenantId));
        return client;
    }

    /// <summary>Arms faults (JSON objects as <c>POST /_sim/faults</c> takes them), replacing the armed ones.</summary>
    public async Task SetFaultsAsync(params object[] rules)
    {
        using var response = await Client.PostAsJsonAsync("/_sim/faults", new { rules });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> AdvanceAsync(string tenantId, int steps = 1)
    {
        using var response = await Client.PostAsync(new Uri($"/_sim/tenants/{tenantId}/advance?steps={steps}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> StatsAsync() => await Client.GetFromJsonAsync<JsonElement>("/_sim/stats");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
