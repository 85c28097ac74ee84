using System.Collections.Concurrent;
using System.Globalization;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// <c>Database:Authentication = Entra</c> against a real PostgreSQL that checks passwords (scram-sha-256 for the
/// login): the application login signs in with the credential's access tokens, asked for Azure Database for
/// PostgreSQL's scope, and a refreshed token is what new connections use. Only the credential is a stand-in.
/// </summary>
public sealed class EntraTokenAuthenticationTests(EntraTokenAuthenticationTests.PasswordCheckingCluster server)
    : IClassFixture<EntraTokenAuthenticationTests.PasswordCheckingCluster>, IAsyncLifetime
{
    private readonly string login = $"entra_{Guid.NewGuid():N}";

    public Task InitializeAsync() =>
        AdminSql.ExecuteAsync(server.Cluster.AdminConnectionString, $"CREATE ROLE {login} LOGIN PASSWORD 'token-1' IN ROLE {PasswordCheckingCluster.Group}");

    public Task DisposeAsync() => Task.CompletedTask;

    private string LoginConnectionString(bool pooling = true) =>
        $"Host=127.0.0.1;Port={server.Cluster.Port.ToString(CultureInfo.InvariantCulture)};Database=postgres;Username={login};Pooling={pooling}";

    [Fact]
    public async Task The_configured_host_signs_its_login_in_with_an_entra_token_for_the_postgres_scope()
    {
        var credential = new ScriptedCredential("token-1");
        using var host = BuildHost(LoginConnectionString(), credential);

        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT current_user", connection);

        (await command.ExecuteScalarAsync()).Should().Be(login);
        credential.Scopes.Should().NotBeEmpty().And.OnlyContain(scope => scope == PostgresDataSources.EntraScope);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_by_the_server()
    {
        await using var dataSource = PostgresDataSources.Create(LoginConnectionString(), new PostgresEntraCredential(new ScriptedCredential("not-the-token")));

        var open = async () => await dataSource.OpenConnectionAsync();

        (await open.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);
    }

    [Fact]
    public async Task New_connections_use_the_refreshed_token_after_the_old_one_stops_working()
    {
        var credential = new ScriptedCredential("token-1");
        await using var dataSource = PostgresDataSources.Create(
            LoginConnectionString(pooling: false), new PostgresEntraCredential(credential), tokenRefreshInterval: TimeSpan.FromMilliseconds(200));
        await (await dataSource.OpenConnectionAsync()).DisposeAsync();

        credential.Next = "token-2";
        await AdminSql.ExecuteAsync(server.Cluster.AdminConnectionString, $"ALTER ROLE {login} PASSWORD 'token-2'");

        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await (await dataSource.OpenConnectionAsync()).DisposeAsync();
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return false;
            }
        }, "a connection opens with the refreshed token", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_password_beside_entra_authentication_stops_the_host_with_the_reason()
    {
        using var host = BuildHost(LoginConnectionString() + ";Password=left-over", new ScriptedCredential("token-1"));

        var resolve = () => host.Services.GetRequiredService<NpgsqlDataSource>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*Entra*holds a password*");
    }

    private static IHost BuildHost(string connectionString, TokenCredential credential)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ApplicationName = "PatchHound.Worker" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = connectionString,
            ["Database:Authentication"] = "Entra",
        });
        builder.Services.AddSingleton(new PostgresEntraCredential(credential));
        builder.AddPatchHoundPersistence();
        return builder.Build();
    }

    /// <summary>Hands out <see cref="Next"/> as the access token and records the scopes it was asked for.</summary>
    private sealed class ScriptedCredential(string first) : TokenCredential
    {
        public volatile string Next = first;

        public ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Enqueue(scope);
            }

            return new AccessToken(Next, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>A cluster where members of <see cref="Group"/> must give their password over TCP (the others are trusted).</summary>
    public sealed class PasswordCheckingCluster : IAsyncLifetime
    {
        public const string Group = "entra_logins";

        internal LocalPostgresCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Cluster = await LocalPostgresCluster.StartAsync([$"host all +{Group} 127.0.0.1/32 scram-sha-256"]);
            await AdminSql.ExecuteAsync(Cluster.AdminConnectionString, $"CREATE ROLE {Group} NOLOGIN");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
