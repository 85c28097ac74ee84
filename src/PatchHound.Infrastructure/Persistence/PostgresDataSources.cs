using Azure.Core;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Every application data source of a process (the pool, the listening connection) is built here, so the one
/// authentication rule applies to all of them: with an Entra credential, the password of each new physical connection
/// is an access token for Azure Database for PostgreSQL, fetched ahead of time and refreshed in the background by
/// Npgsql's periodic password provider (opening a connection never waits for Entra).
/// </summary>
public static class PostgresDataSources
{
    /// <summary>The token audience of Azure Database for PostgreSQL flexible server.</summary>
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    /// <summary>Entra access tokens live 60 to 90 minutes; a fresh one well before the oldest may expire.</summary>
    public static readonly TimeSpan TokenRefreshInterval = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan FailedRefreshRetry = TimeSpan.FromSeconds(10);

    public static NpgsqlDataSource Create(string connectionString, PostgresEntraCredential? entra, TimeSpan? tokenRefreshInterval = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (entra is not null)
        {
            if (!string.IsNullOrEmpty(builder.ConnectionStringBuilder.Password))
            {
                throw new InvalidOperationException(
                    "Database:Authentication is Entra, but the application connection string holds a password: remove it (the login signs in with Entra tokens).");
            }

            var context = new TokenRequestContext([EntraScope]);
            builder.UsePeriodicPasswordProvider(
                async (_, cancellationToken) => (await entra.Credential.GetTokenAsync(context, cancellationToken)).Token,
                tokenRefreshInterval ?? TokenRefreshInterval,
                FailedRefreshRetry);
        }

        return builder.Build();
    }
}
