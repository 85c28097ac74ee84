using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_build_the_whole_schema_on_an_empty_database()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();

        var result = await SchemaSetup.Migrator().MigrateAsync(database.OwnerConnectionString, CancellationToken.None);

        result.Applied.Should().NotBeEmpty();
        await using var db = database.OwnerContext();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a checked-in migration");
        var tables = await Strings(database.OwnerConnectionString,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        tables.Should().Contain(["tenants", "users", "devices", "findings", "vulnerabilities", "ingestion_runs",
            "ingestion_checkpoints", "audit_log_entries", "notifications", "ai_remediation_requests", "scan_requests"]);
    }

    [Fact]
    public async Task Running_the_migrator_again_applies_nothing_and_succeeds()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        var result = await SchemaSetup.Migrator().MigrateAsync(database.OwnerConnectionString, CancellationToken.None);

        result.AppliedAny.Should().BeFalse();
    }

    [Fact]
    public async Task An_application_login_named_like_the_group_role_is_refused_with_a_clear_error()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var migrator = new DatabaseMigrator(
            Options.Create(new DatabaseOptions { AppLogin = RowLevelSecurity.ApplicationRole, AppPassword = "secret" }),
            NullLogger<DatabaseMigrator>.Instance);

        var migrate = () => migrator.MigrateAsync(database.OwnerConnectionString, CancellationToken.None);

        await migrate.Should().ThrowAsync<InvalidOperationException>().WithMessage("Database:AppLogin must differ*");
    }

    [Fact]
    public async Task Concurrent_migrator_processes_apply_once_and_all_succeed()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__PatchHoundMigrations"] = database.OwnerConnectionString,
            ["ConnectionStrings__PatchHound"] = database.AppConnectionString(),
            ["Database__AppLogin"] = SchemaSetup.AppLogin,
            ["Database__AppPassword"] = SchemaSetup.AppPassword,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        var apiDll = Path.Combine(AppContext.BaseDirectory, "PatchHound.Api.dll");

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            ChildProcess.RunAsync("dotnet", [apiDll, "migrate"], environment, TimeSpan.FromMinutes(3))));

        runs.Should().AllSatisfy(r => r.ExitCode.Should().Be(0, r.StandardOutput + r.StandardError));
        runs.Count(r => r.StandardOutput.Contains("migrate: applied", StringComparison.Ordinal)).Should().Be(1);
        runs.Count(r => r.StandardOutput.Contains("migrate: schema already up to date", StringComparison.Ordinal)).Should().Be(3);
        var history = await Strings(database.OwnerConnectionString, "SELECT migration_id FROM \"__EFMigrationsHistory\"");
        history.Should().OnlyHaveUniqueItems().And.NotBeEmpty();
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_an_enabled_row_level_security_policy()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        var unprotected = await Strings(database.OwnerConnectionString, $"""
            SELECT c.table_name FROM information_schema.columns c
            JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace
            WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
              AND (NOT t.relrowsecurity OR NOT EXISTS (
                SELECT 1 FROM pg_policies p WHERE p.tablename = c.table_name AND p.policyname = '{RowLevelSecurity.PolicyName}'))
            """);
        var tenantTables = await Strings(database.OwnerConnectionString,
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'");

        tenantTables.Should().HaveCountGreaterThan(15);
        unprotected.Should().BeEmpty();
    }

    [Fact]
    public async Task Application_login_owns_nothing_and_cannot_bypass_row_level_security()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        var flags = await Strings(database.AppConnectionString(), """
            SELECT concat_ws(',', r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user))
            FROM pg_roles r WHERE r.rolname = current_user
            """);

        flags.Should().Equal("f,f,0");
    }

    private static async Task<List<string>> Strings(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }
}
