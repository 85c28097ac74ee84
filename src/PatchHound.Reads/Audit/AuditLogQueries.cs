using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Audit;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Audit;

/// <summary>The tenant's audit log, newest first: the list endpoint, its CSV export and the audit log page read it here.</summary>
internal sealed class AuditLogQueries(PatchHoundDbContext db)
{
    public static IReadOnlyList<string> CsvHeader { get; } = ["id", "at", "actor", "action", "entityType", "entityId", "correlationId", "before", "after"];

    public async Task<Page<AuditEntryDto>> PageAsync(AuditLogFilter filter, KeysetPosition? after, int take, CancellationToken cancellationToken)
    {
        var query = Filtered(filter);
        if (after is not null)
        {
            query = query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        return KeysetPage.Of(rows, take, AuditEntryDto.From, e => new KeysetPosition(e.At, e.Id));
    }

    public async Task<AuditEntryDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.AuditLogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entry is null ? null : AuditEntryDto.From(entry);
    }

    /// <summary>Every entry of the filter as CSV fields, streamed (the export of exactly the filtered view).</summary>
    public async IAsyncEnumerable<IReadOnlyList<string?>> CsvRowsAsync(
        AuditLogFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = Filtered(filter).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var e in rows)
        {
            yield return
            [
                e.Id.ToString(), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture),
                e.Actor, e.Action, e.EntityType, e.EntityId, e.CorrelationId, e.Before, e.After,
            ];
        }
    }

    private IQueryable<AuditLogEntry> Filtered(AuditLogFilter filter)
    {
        var query = db.AuditLogEntries.AsNoTracking();
        query = filter.Actor is null ? query : query.Where(e => e.Actor == filter.Actor);
        query = filter.Action is null ? query : query.Where(e => e.Action == filter.Action);
        query = filter.EntityType is null ? query : query.Where(e => e.EntityType == filter.EntityType);
        query = filter.EntityId is null ? query : query.Where(e => e.EntityId == filter.EntityId);
        if (filter.From is { } since)
        {
            var utc = since.ToUniversalTime();
            query = query.Where(e => e.At >= utc);
        }

        if (filter.To is { } until)
        {
            var utc = until.ToUniversalTime();
            query = query.Where(e => e.At < utc);
        }

        return query;
    }
}
