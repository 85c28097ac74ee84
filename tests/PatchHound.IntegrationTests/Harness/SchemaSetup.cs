namespace PatchHound.IntegrationTests.Harness;

/// <summary>
/// Brings the template database to the current schema, once per test run. Every database from
/// <see cref="TestDatabase.CreateMigratedAsync"/> is a copy of it, so this is the one place migrations run for tests.
/// </summary>
public static class SchemaSetup
{
    /// <param name="ownerConnectionString">Superuser on the (empty) template database.</param>
    public static Task PrepareAsync(string ownerConnectionString)
    {
        // TODO: apply the EF Core migrations (DatabaseMigrator) to ownerConnectionString.
        _ = ownerConnectionString;
        return Task.CompletedTask;
    }
}
