using Npgsql;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Raw SQL on the connection EF opened, inside the transaction begun on it. The parameters every ingestion statement
/// shares (<c>@tenant</c>, <c>@run</c>, and when given <c>@source</c>, <c>@batch</c>, <c>@now</c>) are bound here.
/// </summary>
internal sealed class IngestionSql(NpgsqlConnection connection, Guid tenantId, Guid runId)
{
    // Npgsql's default is 30 s; merging a 500,000-finding run has single statements that take longer on a 2-core
    // machine (docs/benchmarks.md). The step's lease and cancellation token still bound the job as a whole.
    private const int CommandTimeoutSeconds = 600;

    public Guid? SourceId { get; init; }

    public int? BatchNumber { get; init; }

    public DateTimeOffset? Now { get; init; }

    public NpgsqlConnection Connection => connection;

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Create(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The single row of a query whose columns are all counts (bigint).</summary>
    public async Task<int[]> CountsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Create(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(i => checked((int)reader.GetInt64(i))).ToArray();
    }

    /// <summary>The single row of a query returning a count (bigint) and a text that may be null.</summary>
    public async Task<(long Count, string? Text)> CountAndStringAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Create(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private NpgsqlCommand Create(string sql)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("run", runId);
        if (SourceId is { } source)
        {
            command.Parameters.AddWithValue("source", source);
        }

        if (BatchNumber is { } batch)
        {
            command.Parameters.AddWithValue("batch", batch);
        }

        if (Now is { } now)
        {
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
        }

        return command;
    }
}
