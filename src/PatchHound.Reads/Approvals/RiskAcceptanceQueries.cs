using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Approvals;

/// <summary>The tenant's risk acceptances for the REST endpoints and the risk acceptances page, keyset paged in the filter's order.</summary>
internal sealed class RiskAcceptanceQueries(PatchHoundDbContext db)
{
    public async Task<Page<RiskAcceptanceDto>> PageAsync(
        RiskAcceptanceFilter filter, DateTimeOffset now, KeysetPosition? after, int take, CancellationToken cancellationToken)
    {
        var query = filter.Apply(db.RiskAcceptances.AsNoTracking(), now);
        var byExpiry = filter.Sort == RiskAcceptanceSort.ExpiresAt;
        if (after is not null)
        {
            query = (byExpiry, filter.Descending) switch
            {
                (true, false) => query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ExpiresAt, r.Id), ValueTuple.Create(after.At, after.Id))),
                (true, true) => query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.ExpiresAt, r.Id), ValueTuple.Create(after.At, after.Id))),
                (false, false) => query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.AcceptedAt, r.Id), ValueTuple.Create(after.At, after.Id))),
                (false, true) => query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.AcceptedAt, r.Id), ValueTuple.Create(after.At, after.Id))),
            };
        }

        query = (byExpiry, filter.Descending) switch
        {
            (true, false) => query.OrderBy(r => r.ExpiresAt).ThenBy(r => r.Id),
            (true, true) => query.OrderByDescending(r => r.ExpiresAt).ThenByDescending(r => r.Id),
            (false, false) => query.OrderBy(r => r.AcceptedAt).ThenBy(r => r.Id),
            (false, true) => query.OrderByDescending(r => r.AcceptedAt).ThenByDescending(r => r.Id),
        };
        var rows = await query.Take(take + 1).ToListAsync(cancellationToken);
        return KeysetPage.Of(
            rows, take, r => RiskAcceptanceDto.From(r, now), r => new KeysetPosition(byExpiry ? r.ExpiresAt : r.AcceptedAt, r.Id));
    }

    public async Task<RiskAcceptanceDto?> GetAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acceptance = await db.RiskAcceptances.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return acceptance is null ? null : RiskAcceptanceDto.From(acceptance, now);
    }
}
