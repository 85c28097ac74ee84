using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Defender;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// A run's export file list, kept in this worker's memory between its batches (Defender allows the list 5 calls a
/// minute and 20 an hour; a run has a batch per file). Never stored: the URLs are credentials. A batch on another
/// worker, or after a restart, or past <see cref="IngestionOptions.ExportFileListReuse"/>, asks Defender afresh.
/// </summary>
public sealed class ExportFileListCache(IOptions<IngestionOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (ExportFileList List, DateTimeOffset FetchedAt)> lists = new();

    public async Task<ExportFileList> GetAsync(Guid runId, DefenderClient client, bool fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in lists)
        {
            if (now - entry.FetchedAt >= options.Value.ExportFileListReuse)
            {
                lists.TryRemove(id, out _);
            }
        }

        if (!fresh && lists.TryGetValue(runId, out var cached))
        {
            return cached.List;
        }

        var list = await client.ReadExportFileListAsync(cancellationToken);
        lists[runId] = (list, clock.GetUtcNow());
        return list;
    }

    public void Forget(Guid runId) => lists.TryRemove(runId, out _);
}
