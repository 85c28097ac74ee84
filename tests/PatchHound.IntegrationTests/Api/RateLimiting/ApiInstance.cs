using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.IntegrationTests.Hosting;
using Serilog.Core;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>One API replica in process, with its log events and fallback metrics observable.</summary>
public sealed class ApiInstance : IAsyncDisposable
{
    private readonly ApiHostFactory host;
    private readonly WebApplicationFactory<Program> factory;

    public ApiInstance(IReadOnlyDictionary<string, string?> settings)
    {
        host = new ApiHostFactory(settings);
        factory = host.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs)));

        // Starts the host now, so the metrics listener sees every measurement from the first request on.
        Metrics = new FallbackMetrics(factory.Services.GetRequiredService<IMeterFactory>());
    }

    public CollectedLogEvents Logs { get; } = new();

    public FallbackMetrics Metrics { get; }

    /// <summary>Signs in with the dev sign-in and returns the session cookie, to be sent to any instance.</summary>
    public async Task<string> SignInAsync(string email)
    {
        using var client = Client(cookie: null);
        var response = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, $"the dev sign-in of {email} must succeed");
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
    }

    /// <summary>A client that sends this cookie (no cookie container: the test decides which instance sees what).</summary>
    public HttpClient Client(string? cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await host.DisposeAsync();
    }
}
