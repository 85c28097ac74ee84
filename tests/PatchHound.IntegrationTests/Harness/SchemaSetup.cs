using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// Brings the template database to the current schema, once per test run. Every database from
/// <see cref="TestDatabase.CreateMigratedAsync"/> is a copy of it, so this is the one place migrations run for tests.
/// </summary>
public static class SchemaSetup
{
    /// <summary>The login the hosts serve with in tests: a member of the application role, subject to RLS.</summary>
    public const string AppLogin = "patchhound_app_login";

    public const string AppPassword = "app-login-test-password";

    /// <param name="ownerConnectionString">Superuser on the (empty) template database.</param>
    public static async Task PrepareAsync(string ownerConnectionString) =>
        await Migrator().MigrateAsync(ownerConnectionString, CancellationToken.None);

    public static DatabaseMigrator Migrator() =>
        new(Options.Create(new DatabaseOptions { AppLogin = AppLogin, AppPassword = AppPassword }), NullLogger<DatabaseMigrator>.Instance);
}
