using System.Text.Json;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Jobs;

/// <summary>
/// The batch jobs sweeps fan out (<c>RunTenantsAsync(Guid[] tenantIds, …)</c>), read from Hangfire's job table: a
/// sweep's effects happen in them, after the sweep job itself has succeeded.
/// </summary>
internal sealed class FannedOutJobs(TestDatabase database)
{
    private const string BatchMethod = "RunTenantsAsync";
    private static readonly string[] FinalStates = ["Succeeded", "Deleted", "Failed"];

    /// <summary>Waits until every batch job enqueued so far is in a final state; returns their states by job id.</summary>
    public async Task<IReadOnlyList<FannedOutJob>> WaitForAllAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var jobs = await ListAsync();
        while (jobs.Any(j => !FinalStates.Contains(j.State)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            jobs = await ListAsync();
        }

        return jobs;
    }

    public async Task<IReadOnlyList<FannedOutJob>> ListAsync()
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT id, statename, invocationdata->>'Type', arguments::text FROM {JobStorageSchema.Name}.job " +
            $"WHERE invocationdata->>'Method' = '{BatchMethod}' ORDER BY id",
            connection);
        var jobs = new List<FannedOutJob>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Hangfire stores each argument as its own JSON text: the first is the tenant id array.
            var arguments = JsonSerializer.Deserialize<string?[]>(reader.GetString(3))!;
            var tenants = JsonSerializer.Deserialize<Guid[]>(arguments[0]!)!;
            jobs.Add(new FannedOutJob(reader.GetInt64(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), reader.GetString(2), tenants));
        }

        return jobs;
    }
}
