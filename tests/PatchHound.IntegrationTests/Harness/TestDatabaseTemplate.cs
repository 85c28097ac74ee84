using Npgsql;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// The migrated database that test databases are copied from. Migrating once and copying with
/// <c>CREATE DATABASE … TEMPLATE</c> is far faster than migrating a database per test class.
/// </summary>
internal static class TestDatabaseTemplate
{
    private static readonly SemaphoreSlim Creation = new(1, 1);
    private static string? name;

    /// <summary>
    /// Creates the template on first call; test classes running in parallel wait for that one creation. A failed
    /// preparation is not remembered, so each caller sees the real error.
    /// </summary>
    public static async Task<string> GetNameAsync(PostgresServer server)
    {
        if (Volatile.Read(ref name) is { } created)
        {
            return created;
        }

        await Creation.WaitAsync();
        try
        {
            if (name is null)
            {
                var candidate = AdminSql.UniqueDatabaseName("patchhound_template");
                await CreateAsync(server, candidate);
                if (server.IsExternal)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(server, candidate);
                }

                Volatile.Write(ref name, candidate);
            }

            return name;
        }
        finally
        {
            Creation.Release();
        }
    }

    private static async Task CreateAsync(PostgresServer server, string template)
    {
        var quoted = AdminSql.Quote(template);
        await AdminSql.ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE {quoted}");
        try
        {
            await SchemaSetup.PrepareAsync(server.ConnectionString(template));

            // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template, and the preparation may
            // leave pooled connections behind: close them and refuse new ones.
            NpgsqlConnection.ClearAllPools();
            await AdminSql.ExecuteAsync(
                server.AdminConnectionString,
                $"ALTER DATABASE {quoted} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
            await AdminSql.ExecuteAsync(
                server.AdminConnectionString,
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template}'");
        }
        catch
        {
            Drop(server, template);
            throw;
        }
    }

    private static void Drop(PostgresServer server, string template)
    {
        try
        {
            var quoted = AdminSql.Quote(template);
            AdminSql.Execute(server.AdminConnectionString, $"ALTER DATABASE {quoted} WITH IS_TEMPLATE false");
            // DROP DATABASE refuses to run in a batch (an implicit transaction), so it goes alone.
            AdminSql.Execute(server.AdminConnectionString, $"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // At exit the server may already be gone, and on a failed preparation the original error matters more;
            // a leftover template on a shared server is only clutter.
        }
    }
}
