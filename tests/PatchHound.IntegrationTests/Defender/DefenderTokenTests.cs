using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Defender;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;

namespace PatchHound.IntegrationTests.Defender;

/// <summary>The client as the hosts build it: AddDefender, a simulator source, a secret from configuration.</summary>
public sealed class DefenderTokenTests : IAsyncLifetime
{
    private const string ClientSecret = "s3cr3t-Value-That-Must-Never-Be-Logged";
    private const string CredentialDocument =
        $$"""{"tenantId":"tenant-a","clientId":"client-a","clientSecret":"{{ClientSecret}}"}""";

    private readonly CapturingLoggerProvider logs = new();
    private FakeDefenderServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeDefenderServer.StartAsync(context =>
        {
            var skip = context.Request.Query.ContainsKey("$skip") ? 2 : 0;
            var next = skip == 0 ? server.Url("api/machines/SoftwareVulnerabilitiesByMachine?pageSize=2&$skip=2") : null;
            return FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page(DefenderPayloads.Vulnerabilities(skip, 2), next));
        });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private ServiceProvider Services(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Secrets:simulator-a"] = CredentialDocument,
            ["Secrets:not-json"] = ClientSecret,
            ["Defender:RetryBaseDelay"] = "00:00:00.010",
            ["Defender:RetryMaxDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddDefender(configuration);
        return services.BuildServiceProvider();
    }

    private SourceConfiguration Source(SourceKind kind = SourceKind.Simulator, string? reference = "local://simulator-a") =>
        new(Guid.NewGuid(), kind, "Simulator", "0 * * * *", server.BaseUrl.AbsoluteUri, reference, DateTimeOffset.UtcNow, pageSize: 2);

    [Fact]
    public async Task Posts_client_credentials_once_and_reuses_the_token_for_every_page()
    {
        await using var services = Services();
        var client = await services.GetRequiredService<DefenderClientFactory>().CreateAsync(Source(), Timeout());

        var first = await ReadAllAsync(client.ReadVulnerabilitiesAsync(null, Timeout()));
        var again = await ReadAllAsync(client.ReadVulnerabilitiesAsync(null, Timeout()));

        first.SelectMany(page => page.Items).Should().HaveCount(4);
        again.Should().HaveCount(2);
        var token = server.TokenRequests.Should().ContainSingle().Which;
        token.Path.Should().Be("/tenant-a/oauth2/v2.0/token");
        token.Form.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "client-a",
            ["client_secret"] = ClientSecret,
            ["scope"] = "https://api.securitycenter.microsoft.com/.default",
        });
        server.Requests.Should().HaveCount(4).And.OnlyContain(request => request.Authorization == $"Bearer {server.AccessToken}");
    }

    [Fact]
    public async Task Uses_the_configured_scope()
    {
        await using var services = Services(new() { ["Defender:Scope"] = "api://simulator/.default" });
        var client = await services.GetRequiredService<DefenderClientFactory>().CreateAsync(Source(), Timeout());

        await ReadAllAsync(client.ReadVulnerabilitiesAsync(null, Timeout()));

        server.TokenRequests.Single().Form["scope"].Should().Be("api://simulator/.default");
    }

    [Fact]
    public async Task Reports_rejected_client_credentials_without_calling_Defender()
    {
        server.TokenStatus = StatusCodes.Status401Unauthorized;
        await using var services = Services();
        var client = await services.GetRequiredService<DefenderClientFactory>().CreateAsync(Source(), Timeout());

        var reading = () => ReadAllAsync(client.ReadVulnerabilitiesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourceCredentialsRejectedException>()).Which;
        failure.Message.Should().Contain("credentials rejected by the token endpoint").And.Contain("(401)");
        failure.ToString().Should().NotContain(ClientSecret);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Never_logs_the_client_secret_or_the_access_token()
    {
        await using (var services = Services())
        {
            var factory = services.GetRequiredService<DefenderClientFactory>();
            var client = await factory.CreateAsync(Source(), Timeout());
            await ReadAllAsync(client.ReadVulnerabilitiesAsync(null, Timeout()));

            server.TokenStatus = StatusCodes.Status400BadRequest;
            var rejected = await factory.CreateAsync(Source(), Timeout());
            var failing = () => ReadAllAsync(rejected.ReadVulnerabilitiesAsync(null, Timeout()));
            await failing.Should().ThrowAsync<SourceCredentialsRejectedException>();
        }

        logs.AllText.Should().Contain("Obtained a token for client client-a")
            .And.Contain("Read Defender page 2")
            .And.Contain("/oauth2/v2.0/token", "HttpClient's own request logs are captured too");
        logs.AllText.Should().NotContain(ClientSecret).And.NotContain(server.AccessToken);
    }

    [Fact]
    public async Task Does_not_follow_a_redirect_to_another_origin()
    {
        await using var elsewhere = await FakeDefenderServer.StartAsync(
            context => FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page([], null)));
        server.Handler = context =>
        {
            context.Response.Redirect(elsewhere.Url("api/machines"));
            return Task.CompletedTask;
        };
        await using var services = Services();
        var client = await services.GetRequiredService<DefenderClientFactory>().CreateAsync(Source(), Timeout());

        var reading = () => ReadAllAsync(client.ReadMachinesAsync(null, Timeout()));

        (await reading.Should().ThrowAsync<SourceRequestRefusedException>()).Which.Message.Should().Contain("answered 302");
        server.Requests.Should().HaveCount(1);
        elsewhere.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Refuses_a_secret_that_is_not_a_credential_document_without_quoting_it()
    {
        await using var services = Services();
        var factory = services.GetRequiredService<DefenderClientFactory>();

        var creating = () => factory.CreateAsync(Source(reference: "local://not-json"), Timeout());

        var failure = (await creating.Should().ThrowAsync<SourceConfigurationException>()).Which;
        failure.Message.Should().Contain("local://not-json").And.Contain("not a credential document");
        failure.ToString().Should().NotContain(ClientSecret);
        failure.Permanent.Should().BeTrue();
    }

    [Theory]
    [InlineData(SourceKind.Simulator, null, "has no credential reference")]
    [InlineData(SourceKind.Defender, null, "has no credential reference")]
    [InlineData(SourceKind.Defender, "local://missing", "is not configured (expected key Secrets:missing)")]
    [InlineData(SourceKind.Defender, "kv://vault/defender", "Key Vault")]
    public async Task Refuses_a_source_whose_credential_cannot_be_resolved(SourceKind kind, string? reference, string expected)
    {
        await using var services = Services();

        var creating = () => services.GetRequiredService<DefenderClientFactory>().CreateAsync(Source(kind, reference), Timeout());

        (await creating.Should().ThrowAsync<SourceConfigurationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task Signs_Defender_sources_in_through_Azure_Identity_at_the_configured_authority()
    {
        // Nothing listens on port 1: Entra ID is unreachable, and the simulator's token endpoint must not be used.
        await using var services = Services(new() { ["Defender:AuthorityHost"] = "https://127.0.0.1:1/" });
        var client = await services.GetRequiredService<DefenderClientFactory>().CreateAsync(Source(SourceKind.Defender), Timeout());

        var reading = () => ReadAllAsync(client.ReadVulnerabilitiesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Message.Should().StartWith("No token from Microsoft Entra ID").And.Contain("127.0.0.1:1");
        failure.ToString().Should().NotContain(ClientSecret);
        server.TokenRequests.Should().BeEmpty();
        server.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Defender:AuthorityHost", "http://login.example.test/")]
    [InlineData("Defender:MaxPageBytes", "10")]
    [InlineData("Defender:MaxThrottledAttempts", "0")]
    public async Task Refuses_invalid_options_at_start(string key, string value)
    {
        await using var services = Services(new() { [key] = value });

        var reading = () => services.GetRequiredService<IOptions<DefenderOptions>>().Value;

        reading.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(key.Split(':')[1]);
    }
}
