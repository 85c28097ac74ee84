using System.Data.Common;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// What the application's connections use where the configured connection string says nothing: statements run
/// again and again are prepared on each physical connection (Npgsql auto-prepare), so PostgreSQL parses them once per
/// connection and can keep their plans. <c>Max Auto Prepare=0</c> in the connection string turns this off, for a
/// connection pooler that cannot keep prepared statements. A host process also gets its role's
/// <see cref="ConnectionBudget"/> and an Application Name; a value the connection string sets wins.
/// </summary>
public static class ConnectionDefaults
{
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (Says(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }

    public static string Apply(
        string connectionString, ConnectionBudget budget, string applicationName, ConnectionPooler pooler = ConnectionPooler.None, string role = "")
    {
        ArgumentNullException.ThrowIfNull(budget);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(Apply(connectionString));
        if (pooler == ConnectionPooler.PgBouncerTransaction)
        {
            // A prepared statement lives on one server connection, which the next transaction may not get; and the
            // DISCARD ALL of a reset would run on whichever server connection the pooler picks.
            builder.MaxAutoPrepare = Says(given, "Max Auto Prepare", "MaxAutoPrepare") ? builder.MaxAutoPrepare : 0;
            builder.NoResetOnClose = true;
        }

        if (!Says(given, "Max Pool Size", "MaxPoolSize", "Maximum Pool Size"))
        {
            builder.MaxPoolSize = budget.MaxPoolSizeOf(role);
        }

        if (!Says(given, "Connection Idle Lifetime", "ConnectionIdleLifetime"))
        {
            builder.ConnectionIdleLifetime = (int)Math.Ceiling(budget.ConnectionIdleLifetime.TotalSeconds);
        }

        if (!Says(given, "Connection Pruning Interval", "ConnectionPruningInterval"))
        {
            // Npgsql wants the pruning interval below the idle lifetime; 10 s is its own default.
            builder.ConnectionPruningInterval = Math.Clamp(builder.ConnectionIdleLifetime / 2, 1, 10);
        }

        if (!Says(given, "Application Name", "ApplicationName"))
        {
            builder.ApplicationName = applicationName;
        }

        return builder.ConnectionString;
    }

    private static bool Says(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
}
