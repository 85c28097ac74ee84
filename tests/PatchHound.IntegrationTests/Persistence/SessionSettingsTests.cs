using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Tenancy;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// The settings each opened connection gets, on a pool of one physical connection so that every use below is the
/// same PostgreSQL session: prepared statements outlive a use, the tenant and the plan choice do not.
/// </summary>
public sealed class SessionSettingsTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>
{
    // Npgsql prepares a statement at its fifth use, so the last few run prepared: fewer than the five executions for
    // which PostgreSQL plans a prepared statement for its values before it weighs a generic plan.
    private const int Executions = 8;

    [Fact]
    public async Task A_connection_reused_after_a_tenant_keeps_its_prepared_statements_but_none_of_its_settings()
    {
        await using var db = SingleConnectionContext("session-reuse");
        using (db.ReuseGenericPlans())
        {
            await RunKeysetPageAsync(db, Executions);
        }

        var session = await ReadSessionWithoutInterceptorAsync(db);

        session.TenantSetting.Should().BeNullOrEmpty("the previous user's tenant must not reach the next user");
        session.PlanCacheMode.Should().Be(SessionSettings.ChosenPlans);
        session.PreparedStatements.Should().BeGreaterThan(0, "auto-prepared statements survive the pool's reset");
    }

    [Fact]
    public async Task A_context_that_reuses_generic_plans_gets_them_and_one_that_does_not_lets_postgresql_choose_custom_ones()
    {
        await using var reusing = SingleConnectionContext("plans-reused");
        using (reusing.ReuseGenericPlans())
        {
            await RunKeysetPageAsync(reusing, Executions);
        }

        await using var choosing = SingleConnectionContext("plans-chosen");
        await RunKeysetPageAsync(choosing, Executions);

        var reused = await ReadSessionWithoutInterceptorAsync(reusing);
        var chosen = await ReadSessionWithoutInterceptorAsync(choosing);
        reused.GenericPlans.Should().BeGreaterThan(0);
        reused.CustomPlans.Should().Be(0);
        chosen.GenericPlans.Should().Be(0, "left to choose, PostgreSQL plans a prepared statement's first executions for their values");
        chosen.CustomPlans.Should().BeGreaterThan(0);
    }

    private PatchHoundDbContext SingleConnectionContext(string applicationName)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(fixture.Database.AppConnectionString()))
        {
            MaxPoolSize = 1,
            ApplicationName = applicationName,
        }.ConnectionString;
        return TestDatabaseContexts.Create(connectionString, TestDatabaseContexts.ForTenant(fixture.TenantA));
    }

    // A keyset page as the API reads one: ordered along an index, the page size a parameter.
    private static async Task RunKeysetPageAsync(PatchHoundDbContext db, int times)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var take = 2;
        for (var i = 0; i < times; i++)
        {
            var page = await db.Devices.AsNoTracking().Where(d => d.TenantId == tenantId)
                .OrderBy(d => d.Name).ThenBy(d => d.Id).Take(take).ToListAsync();
            page.Should().HaveCount(2);
        }
    }

    // The context's connection opened directly, so no interceptor sets anything: what the pool handed back is what shows.
    private static async Task<SessionState> ReadSessionWithoutInterceptorAsync(PatchHoundDbContext db)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
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
        finally
        {
            await connection.CloseAsync();
        }
    }

    private sealed record SessionState(string? TenantSetting, string PlanCacheMode, int PreparedStatements, int GenericPlans, int CustomPlans);
}
