using System.Data.Common;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// What the application's connections use where the configured connection string says nothing: statements run
/// again and again are prepared on each physical connection (Npgsql auto-prepare), so PostgreSQL parses them once per
/// connection and can keep their plans. <c>Max Auto Prepare=0</c> in the connection string turns this off, for a
/// connection pooler that cannot keep prepared statements.
/// </summary>
public static class ConnectionDefaults
{
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
