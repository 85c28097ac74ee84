using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchHound.IntegrationTests.Api;
using PatchHound.IntegrationTests.Api.Read;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;

namespace PatchHound.ApiBenchmarks;

/// <summary>The integration tests' API fixture, with tenant A at volume, served by in-process Kestrel on a real port.</summary>
internal sealed class BenchmarkApiFixture(BenchmarkOptions options) : ApiFixture
{
    private ApiHostFactory? traced;

    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await FindingsVolume.SeedAsync(Database, TenantA.Id, options.Devices, options.FindingsPerDevice, DateTimeOffset.UtcNow);
        if (options.WithProposedIndexes)
        {
            await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(ProposedIndexes.Sql + "ANALYZE findings;", connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }

        // WebApplicationFactory looks for the API's content root from the test assembly; this is not one.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PATCHHOUND_API", Path.Combine(RepositoryRoot.Path, "src", "PatchHound.Api"));
        Api.UseKestrel(0);
        Api.StartServer();
        BaseAddress = new Uri(Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A second API host on the same database that traces every request and exports OTLP/HTTP to <paramref name="collector"/>.</summary>
    public Task<Uri> StartTelemetryHostAsync(Uri collector)
    {
        var settings = Settings();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.ToString();
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        traced = new ApiHostFactory(settings);
        traced.UseKestrel(0);
        traced.StartServer();
        return Task.FromResult(new Uri(traced.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    public async Task<HttpClient> SignedInClientAsync(Uri baseAddress, int clients)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = clients, UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = baseAddress };
        using var signIn = await client.PostAsync(
            "/auth/dev/sign-in", new StringContent($"{{\"email\":\"{TenantA.AuditorEmail}\"}}", System.Text.Encoding.UTF8, "application/json"));
        signIn.EnsureSuccessStatusCode();
        return client;
    }

    public override async Task DisposeAsync()
    {
        if (traced is not null)
        {
            await traced.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        return settings;
    }
}
