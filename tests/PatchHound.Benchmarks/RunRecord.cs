using Npgsql;

namespace PatchHound.Benchmarks;

/// <summary>An ingestion run as its row says, read with the owner login (across tenants, no row-level security).</summary>
internal sealed record RunRecord(
    Guid Id,
    Guid TenantId,
    Guid SourceId,
    string Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? FinishedAt,
    int PagesDone,
    int DevicesSeen,
    int FindingsSeen,
    int FindingsNew,
    int FindingsReopened,
    int FindingsResolved,
    int Attempts,
    string? Error)
{
    private const string Columns = """
        id, tenant_id, source_id, status, queued_at, finished_at, pages_done, devices_seen, findings_seen, findings_new,
        findings_reopened, findings_resolved, attempt_count, error
        """;

    public bool IsFinished => Status is "Succeeded" or "DeadLettered" or "Cancelled";

    /// <summary>Queued (the trigger) to finished (the merge committed): the run end to end.</summary>
    public TimeSpan Wall => (FinishedAt ?? DateTimeOffset.UtcNow) - QueuedAt;

    public static async Task<IReadOnlyList<RunRecord>> ForTenantsAsync(
        string ownerConnectionString, IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM ingestion_runs WHERE tenant_id = ANY(@tenants) ORDER BY queued_at", connection);
        command.Parameters.AddWithValue("tenants", tenantIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRecord(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.GetInt32(11), reader.GetInt32(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return runs;
    }

    /// <summary>Polls until every run of the tenants has finished and there are at least <paramref name="expected"/>.</summary>
    public static async Task<IReadOnlyList<RunRecord>> WaitForFinishAsync(
        string ownerConnectionString, IReadOnlyCollection<Guid> tenantIds, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await ForTenantsAsync(ownerConnectionString, tenantIds, cancellationToken);
            if (runs.Count >= expected && runs.All(r => r.IsFinished))
            {
                return runs;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Runs did not finish within {timeout}: {string.Join(", ", runs.Select(r => $"{r.Id} {r.Status} {r.PagesDone} pages"))}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
