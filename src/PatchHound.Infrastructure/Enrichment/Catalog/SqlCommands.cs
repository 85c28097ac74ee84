using Npgsql;

namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>Raw SQL on the feed's connection and transaction; <c>@now</c> is bound when given.</summary>
internal static class SqlCommands
{
    public static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, DateTimeOffset? now = null)
    {
        await using var command = Create(connection, sql, now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The single row of a query whose columns are all <c>count(*)</c>s.</summary>
    public static async Task<int[]> CountsAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, DateTimeOffset? now = null)
    {
        await using var command = Create(connection, sql, now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(i => checked((int)reader.GetInt64(i))).ToArray();
    }

    private static NpgsqlCommand Create(NpgsqlConnection connection, string sql, DateTimeOffset? now)
    {
        var command = new NpgsqlCommand(sql, connection);
        if (now is { } value)
        {
            command.Parameters.AddWithValue("now", value.ToUniversalTime());
        }

        return command;
    }
}
