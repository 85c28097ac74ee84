using Npgsql;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// The PostgreSQL server of the test run, shared by every test class: an existing server when
/// <c>PATCHHOUND_TEST_POSTGRES</c> holds an admin connection string, otherwise a throw-away local cluster that is
/// started on first use and stopped when the test process exits.
/// </summary>
public sealed class PostgresServer
{
    public const string ExternalServerVariable = "PATCHHOUND_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString, bool isExternal)
    {
        AdminConnectionString = adminConnectionString;
        IsExternal = isExternal;
    }

    /// <summary>The shared server; <c>await PostgresServer.Instance</c>. A failed start fails every caller the same way.</summary>
    public static Task<PostgresServer> Instance => Shared.Value;

    /// <summary>Superuser on the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when the server belongs to someone else: the run must clean up what it creates there.</summary>
    public bool IsExternal { get; }

    /// <summary>The admin connection string pointed at another database and, optionally, another login.</summary>
    public string ConnectionString(string database, string? user = null, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database };
        if (user is not null)
        {
            builder.Username = user;
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, isExternal: true);
        }

        var cluster = await LocalPostgresCluster.StartAsync();
        return new PostgresServer(cluster.AdminConnectionString, isExternal: false);
    }
}
