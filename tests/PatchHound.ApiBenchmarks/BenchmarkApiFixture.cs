using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchHound.IntegrationTests.Api;
using PatchHound.IntegrationTests.Api.Read;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.ApiBenchmarks;

/// <summary>The integration tests' API fixture, with tenant A at volume, served by in-process Kestrel on a real port.</summary>
internal sealed class BenchmarkApiFixture(BenchmarkOptions options) : ApiFixture
{
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

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        return settings;
    }
}
