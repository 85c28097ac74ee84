using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Sources;

/// <summary>The entered tenant's vulnerability sources, as the sources endpoints and pages show them (never the credential).</summary>
internal sealed class SourceQueries(PatchHoundDbContext db)
{
    /// <summary>By name (unique in a tenant), keyset-paged.</summary>
    public async Task<Page<SourceDto>> PageAsync(SourceCursor? after, int take, CancellationToken cancellationToken)
    {
        var query = db.SourceConfigurations.AsNoTracking();
        if (after is not null)
        {
            query = query.Where(s => string.Compare(s.Name, after.Name) > 0);
        }

        var rows = await query.OrderBy(s => s.Name).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        var setAt = await CredentialsSetTimes.ForAsync(db, page.Select(s => s.Id), cancellationToken);
        var items = page.Select(s => SourceDto.From(s, setAt.TryGetValue(s.Id, out var at) ? at : null)).ToList();
        var next = rows.Count > take ? Cursor.Encode(new SourceCursor(page[^1].Name)) : null;
        return new Page<SourceDto>(items, next);
    }

    public async Task<SourceDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return source is null ? null : SourceDto.From(source, await CredentialsSetTimes.ForAsync(db, id, cancellationToken));
    }
}
