using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Core.Inventory;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Devices;

/// <summary>The tenant's devices, keyset-paged by (sort key, id) like the findings.</summary>
internal sealed class DeviceQueries(PatchHoundDbContext db, TimeProvider clock)
{
    public async Task<Page<DeviceDto>> PageAsync(
        DeviceFilter filter, SortOrder<DeviceSortKey> sort, DeviceCursor? after, int limit, CancellationToken cancellationToken)
    {
        var devices = Filtered(filter);
        if (after is not null)
        {
            devices = DeviceKeyset.After(devices, sort, after);
        }

        var rows = await Dtos(DeviceKeyset.Ordered(devices, sort).Take(limit + 1)).ToListAsync(cancellationToken);
        var next = rows.Count > limit ? Cursor.Encode(DeviceKeyset.CursorAt(rows[limit - 1], sort)) : null;
        return new Page<DeviceDto>(rows.Take(limit).ToList(), next);
    }

    public async Task<DeviceDetailDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var device = await Dtos(db.Devices.AsNoTracking().Where(d => d.TenantId == tenantId && d.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (device is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var open = await (
            from f in db.Findings.AsNoTracking()
            join v in db.Vulnerabilities on f.VulnerabilityId equals v.Id
            where f.TenantId == tenantId && f.DeviceId == id && f.Status == FindingStatus.Open
            // The finding's effective severity (ADR 0010): the catalog's once enriched, else its own source's.
            group new { f.SlaDueAt, v.IsKnownExploited }
                by v.Severity != Severity.None ? v.Severity : f.SourceSeverity ?? Severity.None into bySeverity
            select new
            {
                Severity = bySeverity.Key,
                Count = bySeverity.Count(),
                Kev = bySeverity.Count(x => x.IsKnownExploited),
                Breached = bySeverity.Count(x => x.SlaDueAt <= now),
            }).ToListAsync(cancellationToken);
        return new DeviceDetailDto(
            device,
            SeverityCountsDto.From(open.ToDictionary(o => o.Severity, o => o.Count)),
            open.Sum(o => o.Kev),
            open.Sum(o => o.Breached));
    }

    /// <summary>Open findings of each of these devices by effective severity (a device without any is left out).</summary>
    public async Task<IReadOnlyDictionary<Guid, SeverityCountsDto>> OpenBySeverityAsync(
        IReadOnlyCollection<Guid> deviceIds, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var ids = deviceIds.ToList();
        var counts = await (
            from f in db.Findings.AsNoTracking()
            join v in db.Vulnerabilities on f.VulnerabilityId equals v.Id
            where f.TenantId == tenantId && ids.Contains(f.DeviceId) && f.Status == FindingStatus.Open
            group f by new { f.DeviceId, Severity = v.Severity != Severity.None ? v.Severity : f.SourceSeverity ?? Severity.None } into g
            select new { g.Key.DeviceId, g.Key.Severity, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.DeviceId)
            .ToDictionary(g => g.Key, g => SeverityCountsDto.From(g.ToDictionary(c => c.Severity, c => c.Count)));
    }

    private IQueryable<Device> Filtered(DeviceFilter filter)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var devices = db.Devices.AsNoTracking().Where(d => d.TenantId == tenantId);
        if (filter.NameContains is { } name)
        {
            var pattern = $"%{LikePattern.Escape(name)}%";
            devices = devices.Where(d => EF.Functions.ILike(d.Name, pattern, LikePattern.EscapeCharacter));
        }

        if (filter.OsPlatform is { } os)
        {
            var exact = LikePattern.Escape(os);
            devices = devices.Where(d => EF.Functions.ILike(d.OsPlatform, exact, LikePattern.EscapeCharacter));
        }

        if (filter.Criticalities.Count > 0)
        {
            var criticalities = filter.Criticalities.ToList();
            devices = devices.Where(d => criticalities.Contains(d.Criticality));
        }

        if (filter.MinRiskScore is { } minRisk)
        {
            devices = devices.Where(d => d.RiskScore >= minRisk);
        }

        if (filter.Tag is { } tag)
        {
            devices = devices.Where(d => d.Tags.Contains(tag));
        }

        if (filter.RbacGroup is { } group)
        {
            var exact = LikePattern.Escape(group);
            devices = devices.Where(d => d.RbacGroupName != null && EF.Functions.ILike(d.RbacGroupName, exact, LikePattern.EscapeCharacter));
        }

        if (filter.Software is { } software)
        {
            var vendor = filter.SoftwareVendor;
            devices = devices.Where(d => db.InstalledSoftware.Any(s => s.TenantId == d.TenantId && s.DeviceId == d.Id && s.Name == software
                && (vendor == null || s.Vendor == vendor)));
        }

        if (filter.HasOpenFindings is { } hasOpen)
        {
            devices = devices.Where(d => db.Findings.Any(f => f.TenantId == d.TenantId && f.DeviceId == d.Id && f.Status == FindingStatus.Open) == hasOpen);
        }

        return devices;
    }

    private IQueryable<DeviceDto> Dtos(IQueryable<Device> devices) =>
        devices.Select(d => new DeviceDto(
            d.Id, d.SourceId, d.ExternalId, d.Name, d.OsPlatform, d.OsVersion, d.Criticality, d.Tags, d.RiskScore,
            db.Findings.Count(f => f.TenantId == d.TenantId && f.DeviceId == d.Id && f.Status == FindingStatus.Open),
            d.FirstSeenAt, d.LastSeenAt, d.RbacGroupId, d.RbacGroupName, d.AadDeviceId, d.IsAadJoined, d.DeviceValue,
            d.OnboardingStatus, d.LastIpAddress, d.OsArchitecture));
}
