using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.ApiBenchmarks;

/// <summary>
/// The API's database work for one findings page, without the API: a pooled connection of the application login
/// with the API's connection defaults, the session settings the API's interceptor sends for a findings page, then the
/// captured query, every row read.
/// </summary>
internal sealed class DirectQueries(NpgsqlDataSource dataSource, Guid tenantId)
{
    public async Task RunAsync(IReadOnlyList<CapturedCommand> commands, CancellationToken cancellationToken)
    {
        await using var connection = await OpenPageSessionAsync(cancellationToken);
        foreach (var captured in commands)
        {
            await using var command = captured.On(connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
            }
        }
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the page's commands, under the same session settings.</summary>
    public async Task<List<string>> ExplainAsync(IReadOnlyList<CapturedCommand> commands)
    {
        await using var connection = await OpenPageSessionAsync(CancellationToken.None);
        var lines = new List<string>();
        foreach (var captured in commands)
        {
            await using var command = (captured with { Sql = "EXPLAIN (ANALYZE, BUFFERS) " + captured.Sql }).On(connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }

    private async Task<NpgsqlConnection> OpenPageSessionAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var session = SessionSettings.Command(connection, tenantId, platformScope: false, genericPlans: true);
        await session.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
