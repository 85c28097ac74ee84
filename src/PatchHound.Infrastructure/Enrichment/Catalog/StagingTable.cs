using Npgsql;
using NpgsqlTypes;

namespace PatchHound.Infrastructure.Enrichment.Catalog;

/// <summary>
/// A temporary table, dropped at commit, that a feed is streamed into with binary COPY so that it can then be
/// applied with a few set-based statements instead of one round trip per CVE.
/// </summary>
internal static class StagingTable
{
    public static async Task<StagedFeed> FillAsync<T>(
        NpgsqlConnection connection, ICatalogMerge<T> merge, IAsyncEnumerable<T> records, CancellationToken cancellationToken)
    {
        var table = merge.StagingTable;
        await SqlCommands.ExecuteAsync(
            connection, $"CREATE TEMP TABLE {table} (ord integer NOT NULL, {merge.StagingColumns}) ON COMMIT DROP", cancellationToken);

        // One COPY for the whole feed: Npgsql sends rows in buffer-sized chunks as they are written, so the feed is
        // staged in batches while it still streams. If the feed fails, disposing the importer without completing it
        // cancels the COPY.
        var rows = 0;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(rows++, NpgsqlDbType.Integer, cancellationToken);
                await merge.WriteAsync(importer, record, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        var superseded = await SqlCommands.ExecuteAsync(
            connection, $"DELETE FROM {table} s USING {table} later WHERE later.id = s.id AND later.ord > s.ord", cancellationToken);
        await SqlCommands.ExecuteAsync(connection, $"CREATE UNIQUE INDEX ON {table} (id); ANALYZE {table}", cancellationToken);
        return new StagedFeed(table, rows - superseded, superseded);
    }
}
