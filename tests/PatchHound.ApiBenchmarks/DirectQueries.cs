using Npgsql;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// The API's database work for one findings page, without the API: a pooled connection of the application login
/// with the API's connection defaults, and the batches the API sent (session settings and page query in one round
/// trip), every row read.
/// </summary>
internal sealed class DirectQueries(NpgsqlDataSource dataSource)
{
    public async Task RunAsync(IReadOnlyList<CapturedBatch> batches, CancellationToken cancellationToken)
    {
        foreach (var captured in batches)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = captured.On(connection);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync(cancellationToken))
                {
                    reader.GetValues(values);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the page's queries, each after its session settings.</summary>
    public async Task<List<string>> ExplainAsync(IReadOnlyList<CapturedBatch> batches)
    {
        var lines = new List<string>();
        foreach (var captured in batches)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    captured.Commands[0].ToBatchCommand(),
                    captured.Commands[^1].ToBatchCommand("EXPLAIN (ANALYZE, BUFFERS) "),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync();
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }
}
