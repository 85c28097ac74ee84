using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>What counts as the database being saturated, from errors a real PostgreSQL and a real Npgsql pool raise.</summary>
public sealed class DatabaseSaturationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_exhausted_pool_is_saturation()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.OwnerConnectionString) { MaxPoolSize = 1, Timeout = 1 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var held = await dataSource.OpenConnectionAsync();

        var error = await Record.ExceptionAsync(async () => await dataSource.OpenConnectionAsync());

        error.Should().NotBeNull();
        DatabaseSaturation.IsSaturation(error!).Should().BeTrue(error!.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_saturation()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.OwnerConnectionString) { Host = "127.0.0.1", Port = FreePort.Next(), Timeout = 2 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);

        var error = await Record.ExceptionAsync(() => connection.OpenAsync());

        error.Should().NotBeNull();
        DatabaseSaturation.IsSaturation(error!).Should().BeTrue(error!.Message);
    }

    [Fact]
    public async Task Too_many_connections_for_a_role_is_saturation_and_a_bad_query_is_not()
    {
        var role = "limited_" + Guid.NewGuid().ToString("N")[..8];
        await AdminSql.ExecuteAsync(fixture.Database.OwnerConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD 'pw' CONNECTION LIMIT 0");
        Exception? refused;
        await using (var limited = new NpgsqlConnection(fixture.Database.ConnectionString(role, "pw") + ";Pooling=false"))
        {
            refused = await Record.ExceptionAsync(() => limited.OpenAsync());
        }

        await AdminSql.ExecuteAsync(fixture.Database.OwnerConnectionString, $"DROP ROLE {role}");

        refused.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.TooManyConnections);
        DatabaseSaturation.IsSaturation(refused!).Should().BeTrue();

        await using var owner = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT * FROM no_such_table", owner);
        var bad = await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync());
        DatabaseSaturation.IsSaturation(bad!).Should().BeFalse();
    }
}
