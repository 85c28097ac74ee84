using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Tenancy;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// The settings each opened connection gets, on pools of one physical connection so that every use below is the
/// same PostgreSQL session: prepared statements outlive a use, the tenant and the plan choice do not.
/// </summary>
public sealed class SessionSettingsTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>
{
    // Npgsql prepares a statement at its fifth use, so the last few run prepared: fewer than the five executions for
    // which PostgreSQL plans a prepared statement for its values before it weighs a generic plan.
    private const int Executions = 8;

    private const string KeysetPage = "SELECT id, name FROM devices WHERE tenant_id = $1 ORDER BY name, id LIMIT $2";

    [Fact]
    public async Task A_connection_reused_after_a_tenant_read_keeps_its_prepared_statements_but_none_of_its_settings()
    {
        await using var dataSource = SingleConnectionSource("session-reuse");
        var sql = new TenantSql(dataSource, TestDatabaseContexts.ForTenant(fixture.TenantA));
        await RunKeysetPageAsync(sql, genericPlans: true, Executions);

        await using var connection = await dataSource.OpenConnectionAsync();
        var session = await ReadSessionAsync(connection);

        session.TenantSetting.Should().BeNullOrEmpty("the previous user's tenant must not reach the next user");
        session.PlanCacheMode.Should().Be(SessionSettings.ChosenPlans);
        session.PreparedStatements.Should().BeGreaterThan(0, "auto-prepared statements survive the pool's reset");
    }

    [Fact]
    public async Task A_read_that_asks_for_generic_plans_gets_them_and_ef_queries_let_postgresql_choose_custom_ones()
    {
        await using var reusingSource = SingleConnectionSource("plans-reused");
        await RunKeysetPageAsync(new TenantSql(reusingSource, TestDatabaseContexts.ForTenant(fixture.TenantA)), genericPlans: true, Executions);

        await using var choosingSource = SingleConnectionSource("plans-chosen");
        await using (var db = new PatchHoundDbContext(
            new DbContextOptionsBuilder<PatchHoundDbContext>().UsePatchHoundPostgres(choosingSource).Options,
            TestDatabaseContexts.ForTenant(fixture.TenantA)))
        {
            for (var i = 0; i < Executions; i++)
            {
                var take = 2;
                (await db.Devices.AsNoTracking().Where(d => d.TenantId == fixture.TenantA)
                    .OrderBy(d => d.Name).ThenBy(d => d.Id).Take(take).ToListAsync()).Should().HaveCount(2);
            }
        }

        await using var reusing = await reusingSource.OpenConnectionAsync();
        await using var choosing = await choosingSource.OpenConnectionAsync();
        var reused = await ReadSessionAsync(reusing);
        var chosen = await ReadSessionAsync(choosing);
        reused.GenericPlans.Should().BeGreaterThan(0);
        reused.CustomPlans.Should().Be(0);
        chosen.GenericPlans.Should().Be(0, "left to choose, PostgreSQL plans a prepared statement's first executions for their values");
        chosen.CustomPlans.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_tenant_read_sees_only_its_tenants_rows_even_when_its_sql_names_no_tenant()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionDefaults.Apply(fixture.Database.AppConnectionString()));
        var sql = new TenantSql(dataSource, TestDatabaseContexts.ForTenant(fixture.TenantA));

        await using var read = await sql.ReadAsync(new NpgsqlBatchCommand("SELECT DISTINCT tenant_id FROM devices"), genericPlans: false, CancellationToken.None);
        var tenants = new List<Guid>();
        while (await read.Reader.ReadAsync())
        {
            tenants.Add(read.Reader.GetGuid(0));
        }

        tenants.Should().Equal([fixture.TenantA], "row-level security reads the tenant the batch's session settings set");
    }

    private NpgsqlDataSource SingleConnectionSource(string applicationName) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(fixture.Database.AppConnectionString()))
        {
            MaxPoolSize = 1,
            ApplicationName = applicationName,
        }.ConnectionString);

    // A keyset page as the API reads one: ordered along an index, the page size a parameter.
    private async Task RunKeysetPageAsync(TenantSql sql, bool genericPlans, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var query = new NpgsqlBatchCommand(KeysetPage) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = fixture.TenantA }, new NpgsqlParameter<int> { TypedValue = 2 } } };
            await using var read = await sql.ReadAsync(query, genericPlans, CancellationToken.None);
            var rows = 0;
            while (await read.Reader.ReadAsync())
            {
                rows++;
            }

            rows.Should().Be(2);
        }
    }

    // Read on a connection opened straight from the pool: nothing sets anything, so what the pool handed back shows.
    private static async Task<SessionState> ReadSessionAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT current_setting('{RowLevelSecurity.TenantSetting}', true), current_setting('plan_cache_mode'),
                   count(*)::int, coalesce(sum(generic_plans), 0)::int, coalesce(sum(custom_plans), 0)::int
            FROM pg_prepared_statements WHERE statement LIKE '%FROM devices%'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SessionState(
            reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    private sealed record SessionState(string? TenantSetting, string PlanCacheMode, int PreparedStatements, int GenericPlans, int CustomPlans);
}
