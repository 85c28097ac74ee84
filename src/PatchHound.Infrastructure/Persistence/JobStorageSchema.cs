using Hangfire.PostgreSql;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Hangfire's tables live in their own schema, installed by the migrator as the schema owner. The hosts run
/// Hangfire with <c>PrepareSchemaIfNecessary = false</c> as the application login, which gets data rights only.
/// </summary>
public static class JobStorageSchema
{
    public const string Name = "hangfire";

    internal static async Task EnsureAsync(NpgsqlConnection ownerConnection, CancellationToken cancellationToken)
    {
        PostgreSqlObjectsInstaller.Install(ownerConnection, Name);
        await using var grants = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA {Name} TO {RowLevelSecurity.ApplicationRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Name} TO {RowLevelSecurity.ApplicationRole};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {Name} TO {RowLevelSecurity.ApplicationRole};
            {JobStorageNotifications.EnsureSql(Name)}
            """, ownerConnection);
        await grants.ExecuteNonQueryAsync(cancellationToken);
    }
}
