using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The database cannot take more work right now: the connection pool is exhausted (Npgsql's open time-out), PostgreSQL
/// refuses connections (53300 too_many_connections, 57P03 cannot_connect_now) or the connection is refused. This is
/// overload, not a fault: callers answer 503 with Retry-After and jobs retry later. Counted in
/// <c>patchhound.db.saturation</c> on the <see cref="MeterName"/> meter.
/// </summary>
public static class DatabaseSaturation
{
    public const string MeterName = "PatchHound.Database";

    /// <summary>How long a caller is asked to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Saturations = Meter.CreateCounter<long>(
        "patchhound.db.saturation", unit: "{event}", description: "Database work refused because no connection could be had.");

    public static bool IsSaturation(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException { InnerException: TimeoutException or SocketException }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Counts one saturation where it was met (e.g. "api", "job").</summary>
    public static void Record(string where)
    {
        Saturations.Add(1, new KeyValuePair<string, object?>("where", where));
    }
}
