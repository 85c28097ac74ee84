using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// <see cref="ApiFixture"/> with the encrypted secret store selected (a fresh random key per fixture) and every log
/// event of the API host captured in <see cref="Logs"/>. Sign in with <see cref="SignInAsync"/> to use that host.
/// </summary>
public class ConfigApiFixture : ApiFixture
{
    public const string KeyId = "test-key-1";

    private WebApplicationFactory<Program>? host;

    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public CapturedLogEvents Logs { get; } = new();

    public WebApplicationFactory<Program> Host => host ?? throw new InvalidOperationException("Not initialized.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        host = Api.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs)));
    }

    /// <summary>A client of the logged host, signed in as the user with this email.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = Host.CreateClient();
        var signIn = await client.PostAsJsonAsync("/auth/dev/sign-in", new { email });
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent, $"the dev sign-in of {email} must succeed");
        return client;
    }

    public HttpClient Anonymous() => Host.CreateClient();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["SecretStore:Provider"] = "Database";
        settings["SecretStore:ActiveKeyId"] = KeyId;
        settings[$"SecretStore:Keys:{KeyId}"] = Key;
        return settings;
    }
}
