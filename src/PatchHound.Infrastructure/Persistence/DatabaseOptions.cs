using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Connection string name for the application role (subject to row-level security).</summary>
    public const string ApplicationConnectionName = "PatchHound";

    /// <summary>Connection string name for the schema owner, used only to migrate.</summary>
    public const string MigrationsConnectionName = "PatchHoundMigrations";

    /// <summary>
    /// Connection string name for the application login straight to PostgreSQL, past a transaction-mode pooler: the
    /// listening connection (LISTEN lives in a session). Required with <see cref="ConnectionPooler.PgBouncerTransaction"/>.
    /// </summary>
    public const string DirectConnectionName = "PatchHoundDirect";

    /// <summary>What the application connection string goes through; <see cref="ConnectionPooler.None"/> by default.</summary>
    public ConnectionPooler Pooler { get; set; }

    /// <summary>How the application login signs in: its password, or Entra tokens (<see cref="PostgresDataSources"/>).</summary>
    public DatabaseAuthentication Authentication { get; set; } = DatabaseAuthentication.Password;

    /// <summary>Apply pending migrations when a host starts (under the migration lock).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Optional login that the migrator creates or updates as a member of the application role.</summary>
    public string? AppLogin { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>How long a migrator waits for another one to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How this process's connections show in <c>pg_stat_activity</c>; empty means
    /// <c>patchhound-{role}@{machine}</c> (<see cref="HostRole.DefaultApplicationName"/>).
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>The connection budget per host role (<see cref="HostRole"/>); a role not named gets the defaults.</summary>
    public Dictionary<string, ConnectionBudget> Pools { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ConnectionBudget BudgetOf(string role) => Pools.GetValueOrDefault(role) ?? new ConnectionBudget();
}
