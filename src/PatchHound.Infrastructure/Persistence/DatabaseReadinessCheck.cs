using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Readiness of the database from this process's own pool: one round trip. When no connection can be had
/// (<see cref="DatabaseSaturation"/>) the check says "saturated" and counts it, so an orchestrator's probe and an
/// operator reading the description can tell overload from a broken database.
/// </summary>
internal sealed class DatabaseReadinessCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public const string Saturated = "saturated: no database connection could be had";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (DatabaseSaturation.IsSaturation(e))
        {
            DatabaseSaturation.Record("readiness");
            return new HealthCheckResult(context.Registration.FailureStatus, Saturated, e);
        }
        catch (NpgsqlException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "unreachable or failing", e);
        }
    }
}
