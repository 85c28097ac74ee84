using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Api.Paging;
using PatchHound.Api.Reads;
using PatchHound.Api.Vulnerabilities;
using PatchHound.Core.Findings;
using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.Api.Findings;

/// <summary>
/// The tenant's findings as the API reads them. Every query names the tenant itself (besides the EF filter and RLS),
/// so the planner can use the indexes that lead with tenant_id.
/// </summary>
internal sealed class FindingQueries(PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> sweepOptions)
{
    public SlaWindow Window() => SlaWindow.At(clock, sweepOptions);

    public async Task<Page<FindingDto>> PageAsync(
        FindingFilter filter, SortOrder<FindingSortKey> sort, FindingCursor? after, int limit, CancellationToken cancellationToken)
    {
        var window = Window();
        var rows = new List<FindingRow>(limit + 1);
        using var plans = db.ReuseGenericPlans();
        foreach (var segment in FindingKeyset.Segments(Filtered(filter, window), sort, after, filter.Severities))
        {
            var wanted = limit + 1 - rows.Count;
            rows.AddRange(await segment.Take(wanted).ToListAsync(cancellationToken));
            if (rows.Count > limit)
            {
                break;
            }
        }

        var items = rows.Take(limit).Select(r => FindingDto.From(r, window)).ToList();
        var next = rows.Count > limit ? Cursor.Encode(FindingKeyset.CursorAt(rows[limit - 1], sort)) : null;
        return new Page<FindingDto>(items, next);
    }

    /// <summary>Every matching finding in order, read row by row from the database as the caller consumes it.</summary>
    public async IAsyncEnumerable<FindingDto> StreamAsync(
        FindingFilter filter, SortOrder<FindingSortKey> sort, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var window = Window();
        var query = FindingKeyset.Ordered(Filtered(filter, window), sort).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var row in query)
        {
            yield return FindingDto.From(row, window);
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

    public IQueryable<FindingRow> Filtered(FindingFilter filter, SlaWindow window)
    {
        var rows = Rows();
        if (filter.Severities.Count > 0)
        {
            var severities = filter.Severities.ToList();
            rows = rows.Where(r => severities.Contains(r.Severity));
        }

        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToList();
            rows = rows.Where(r => statuses.Contains(r.Status));
        }

        if (filter.Kev is { } kev)
        {
            rows = rows.Where(r => r.IsKnownExploited == kev);
        }

        if (filter.MinEpss is { } minEpss)
        {
            rows = rows.Where(r => r.EpssScore >= minEpss);
        }

        if (filter.DeviceId is { } deviceId)
        {
            rows = rows.Where(r => r.DeviceId == deviceId);
        }

        if (filter.CveId is { } cveId)
        {
            rows = rows.Where(r => r.VulnerabilityId == cveId);
        }

        return filter.SlaStates.Count > 0 ? InSlaStates(rows, filter.SlaStates, window) : rows;
    }

    private IQueryable<FindingRow> Rows()
    {
        var tenantId = db.Tenant.RequireTenantId();
        return from f in db.Findings.AsNoTracking()
               join v in db.Vulnerabilities on f.VulnerabilityId equals v.Id
               join d in db.Devices on new { f.TenantId, Id = f.DeviceId } equals new { d.TenantId, d.Id }
               where f.TenantId == tenantId
               select new FindingRow
               {
                   Id = f.Id,
                   DeviceId = f.DeviceId,
                   DeviceName = d.Name,
                   VulnerabilityId = f.VulnerabilityId,
                   Title = v.Title,
                   Severity = v.Severity,
                   SeverityRank = v.Severity == Severity.Critical ? 4
                       : v.Severity == Severity.High ? 3
                       : v.Severity == Severity.Medium ? 2
                       : v.Severity == Severity.Low ? 1
                       : 0,
                   CvssScore = v.CvssV3Score,
                   EpssScore = v.EpssScore,
                   EpssKey = v.EpssScore ?? -1m,
                   IsKnownExploited = v.IsKnownExploited,
                   ProductName = f.ProductName,
                   ProductVersion = f.ProductVersion,
                   Status = f.Status,
                   FirstSeenAt = f.FirstSeenAt,
                   LastSeenAt = f.LastSeenAt,
                   ResolvedAt = f.ResolvedAt,
                   SlaDueAt = f.SlaDueAt,
                   ReopenCount = f.ReopenCount,
               };
    }

    // The SQL form of SlaCalculator.OpenStateAt: breached from the deadline on, due soon within the window before it.
    private static IQueryable<FindingRow> InSlaStates(IQueryable<FindingRow> rows, IReadOnlyList<SlaState> states, SlaWindow window)
    {
        var now = window.Now;
        var until = window.DueSoonUntil;
        var breached = states.Contains(SlaState.Breached);
        var dueSoon = states.Contains(SlaState.DueSoon);
        var within = states.Contains(SlaState.WithinSla);
        var noSla = states.Contains(SlaState.NoSla);
        return rows.Where(r => r.Status == FindingStatus.Open
            && ((breached && r.SlaDueAt <= now)
                || (dueSoon && r.SlaDueAt > now && r.SlaDueAt <= until)
                || (within && r.SlaDueAt > until)
                || (noSla && r.SlaDueAt == null)));
    }
}
