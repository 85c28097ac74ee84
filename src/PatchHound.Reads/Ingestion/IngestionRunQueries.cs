using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Reads.Ingestion;

/// <summary>A source's ingestion runs in the entered tenant, with the records read so far from their checkpoints.</summary>
internal sealed class IngestionRunQueries(PatchHoundDbContext db)
{
    public const int HistoryLength = 50;

    /// <summary>The latest runs, newest first; null when the source does not exist in the tenant.</summary>
    public async Task<List<IngestionRunDto>?> HistoryAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        if (!await db.SourceConfigurations.AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            return null;
        }

        var runs = await db.IngestionRuns.AsNoTracking()
            .Where(r => r.SourceId == sourceId)
            .OrderByDescending(r => r.QueuedAt)
            .Take(HistoryLength)
            .ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var checkpoints = await db.IngestionCheckpoints.AsNoTracking().Where(c => ids.Contains(c.RunId)).ToDictionaryAsync(c => c.RunId, cancellationToken);
        return runs.Select(r => IngestionRunDto.From(r, checkpoints.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<IngestionRunDto?> GetAsync(Guid sourceId, Guid id, CancellationToken cancellationToken)
    {
        var run = await db.IngestionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.SourceId == sourceId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var checkpoint = await db.IngestionCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.RunId == id, cancellationToken);
        return IngestionRunDto.From(run, checkpoint);
    }

    /// <summary>Each source's newest run (the sources list's "last run" column).</summary>
    public async Task<Dictionary<Guid, IngestionRunDto>> LatestAsync(IReadOnlyCollection<Guid> sourceIds, CancellationToken cancellationToken)
    {
        var runs = await db.IngestionRuns.AsNoTracking()
            .Where(r => sourceIds.Contains(r.SourceId))
            .GroupBy(r => r.SourceId)
            .Select(g => g.OrderByDescending(r => r.QueuedAt).First())
            .ToListAsync(cancellationToken);
        return runs.ToDictionary(r => r.SourceId, r => IngestionRunDto.From(r, null));
    }
}
