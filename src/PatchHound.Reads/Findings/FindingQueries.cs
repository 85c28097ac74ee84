using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>
/// The tenant's findings as the API reads them. The list and the export are hand-written SQL (<see cref="FindingSql"/>)
/// through <see cref="TenantSql"/>: a page is the API's busiest read, and EF's per-query work cost several times the
/// query. Every query names the tenant itself (besides row-level security), so the planner can use the indexes that
/// lead with tenant_id.
/// </summary>
internal sealed class FindingQueries(PatchHoundDbContext db, TenantSql sql, TimeProvider clock, IOptions<SweepOptions> sweepOptions)
{
    public SlaWindow Window() => SlaWindow.At(clock, sweepOptions);

    public async Task<Page<FindingDto>> PageAsync(
        FindingFilter filter, SortOrder<FindingSortKey> sort, FindingCursor? after, int limit, CancellationToken cancellationToken)
    {
        var window = Window();
        var rows = new List<FindingDto>(limit + 1);
        foreach (var segment in FindingKeyset.Segments(sort, after, filter.Severities))
        {
            var query = FindingSql.Page(sql.TenantId, filter, window, segment, limit + 1 - rows.Count);
            await using (var read = await sql.ReadAsync(query, genericPlans: true, cancellationToken))
            {
                while (await read.Reader.ReadAsync(cancellationToken))
                {
                    rows.Add(FindingSql.Read(read.Reader, window));
                }
            }

            if (rows.Count > limit)
            {
                break;
            }
        }

        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Cursor.Encode(FindingKeyset.CursorAt(rows[limit - 1], sort)) : null;
        return new Page<FindingDto>(items, next);
    }

    /// <summary>Every matching finding in order, read row by row from the database as the caller consumes it.</summary>
    public async IAsyncEnumerable<FindingDto> StreamAsync(
        FindingFilter filter, SortOrder<FindingSortKey> sort, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var window = Window();
        var query = FindingSql.All(sql.TenantId, filter, window, FindingKeyset.Ordered(sort));
        await using var read = await sql.ReadAsync(query, genericPlans: false, cancellationToken);
        while (await read.Reader.ReadAsync(cancellationToken))
        {
            yield return FindingSql.Read(read.Reader, window);
        }
    }

    public async Task<FindingDetailDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var found = await (
            from f in db.Findings.AsNoTracking()
            join v in db.Vulnerabilities.AsNoTracking() on f.VulnerabilityId equals v.Id
            join d in db.Devices.AsNoTracking() on new { f.TenantId, Id = f.DeviceId } equals new { d.TenantId, d.Id }
            where f.TenantId == tenantId && f.Id == id
            select new { Finding = f, Vulnerability = v, Device = d }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        return new FindingDetailDto(
            FindingDto.From(found.Finding, found.Vulnerability, found.Device, Window()),
            found.Finding.SourceId,
            FindingDeviceDto.From(found.Device),
            VulnerabilityFactsDto.From(found.Vulnerability));
    }
}
