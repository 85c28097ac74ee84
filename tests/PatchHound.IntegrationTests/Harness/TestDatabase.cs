using Npgsql;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// A database of its own for one test class on the shared <see cref="PostgresServer"/>, dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer server;

    private TestDatabase(PostgresServer server, string name)
    {
        this.server = server;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Superuser on this database: the role migrations and test set-up use.</summary>
    public string OwnerConnectionString => server.ConnectionString(Name);

    /// <summary>This database as another login, e.g. the application role the hosts serve with.</summary>
    public string ConnectionString(string user, string password) => server.ConnectionString(Name, user, password);

    /// <summary>A copy of the schema prepared by <see cref="SchemaSetup.PrepareAsync"/>.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var server = await PostgresServer.Instance;
        var template = await TestDatabaseTemplate.GetNameAsync(server);
        return await CreateAsync(server, template);
    }

    /// <summary>A database without any schema, for tests of the migrations themselves.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync() => await CreateAsync(await PostgresServer.Instance, "template0");

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(OwnerConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminSql.ExecuteAsync(server.AdminConnectionString, $"DROP DATABASE IF EXISTS {AdminSql.Quote(Name)} WITH (FORCE)");
    }

    private static async Task<TestDatabase> CreateAsync(PostgresServer server, string template)
    {
        var name = AdminSql.UniqueDatabaseName("patchhound_test");
        await AdminSql.ExecuteAsync(
            server.AdminConnectionString,
            $"CREATE DATABASE {AdminSql.Quote(name)} TEMPLATE {AdminSql.Quote(template)}");
        return new TestDatabase(server, name);
    }
}
