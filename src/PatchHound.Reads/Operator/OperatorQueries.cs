using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Operator;

/// <summary>The platform operators' tenant list (the admin endpoint's and the operator page's one read), by slug.</summary>
internal sealed class OperatorQueries(PatchHoundDbContext db)
{
    public async Task<Page<TenantDto>> TenantsAsync(TenantStatus? status, TenantCursor? after, int take, CancellationToken cancellationToken)
    {
        var query = db.Tenants.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(t => t.Status == wanted);
        }

        if (after is not null)
        {
            query = query.Where(t => string.Compare(t.Slug, after.Slug) > 0);
        }

        var rows = await query.OrderBy(t => t.Slug).Take(take + 1).ToListAsync(cancellationToken);
        var items = rows.Take(take).Select(TenantDto.From).ToList();
        var next = rows.Count > take ? Cursor.Encode(new TenantCursor(items[^1].Slug)) : null;
        return new Page<TenantDto>(items, next);
    }
}
