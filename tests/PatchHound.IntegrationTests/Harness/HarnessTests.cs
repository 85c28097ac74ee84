using System.Net.Sockets;
using Npgsql;

namespace PatchHound.IntegrationTests.Harness;

public sealed class HarnessTests
{
    [Fact]
    public async Task Test_databases_are_isolated_from_each_other()
    {
        await using var first = await TestDatabase.CreateMigratedAsync();
        await using var second = await TestDatabase.CreateMigratedAsync();

        await ExecuteAsync(first.OwnerConnectionString, "CREATE TABLE isolation_probe (id int)");

        first.Name.Should().NotBe(second.Name);
        (await TableExistsAsync(first.OwnerConnectionString, "isolation_probe")).Should().BeTrue();
        (await TableExistsAsync(second.OwnerConnectionString, "isolation_probe")).Should().BeFalse();
    }

    [Fact]
    public async Task Disposed_test_database_is_dropped()
    {
        var server = await PostgresServer.Instance;
        var database = await TestDatabase.CreateEmptyAsync();
        await ExecuteAsync(database.OwnerConnectionString, "SELECT 1");

        await database.DisposeAsync();

        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        query.Parameters.AddWithValue("name", database.Name);
        ((long)(await query.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public async Task Redis_answers_ping()
    {
        var redis = await RedisServer.Instance;

        (await redis.PingAsync()).Should().Be("+PONG");
    }

    [Fact]
    public async Task Redis_comes_back_on_the_same_port_after_a_stop()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var port = redis.Port;

        redis.Stop();
        var whileStopped = () => redis.PingAsync();
        await whileStopped.Should().ThrowAsync<SocketException>();

        await redis.StartAsync();
        redis.Port.Should().Be(port);
        (await redis.PingAsync()).Should().Be("+PONG");
    }

    [Fact]
    public async Task Servers_outlive_a_garbage_collection()
    {
        var postgres = await PostgresServer.Instance;
        var redis = await RedisServer.Instance;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Time for an exit watchdog to act, had a collected pipe woken it.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        await ExecuteAsync(postgres.AdminConnectionString, "SELECT 1");
        (await redis.PingAsync()).Should().Be("+PONG");
    }

    [Fact]
    public async Task Child_process_output_and_exit_code_are_captured()
    {
        var result = await ChildProcess.RunAsync("sh", ["-c", "echo out; echo err >&2; exit 3"]);

        result.ExitCode.Should().Be(3);
        result.StandardOutput.Should().Be("out\n");
        result.StandardError.Should().Be("err\n");
    }

    [Fact]
    public async Task Child_process_tree_is_killed_on_timeout()
    {
        var run = () => ChildProcess.RunAsync("sh", ["-c", "sleep 60 & wait"], timeout: TimeSpan.FromMilliseconds(500));

        await run.Should().ThrowAsync<TimeoutException>();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
