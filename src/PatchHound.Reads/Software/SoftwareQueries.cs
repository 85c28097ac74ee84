using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Software;

/// <summary>
/// The tenant's installed software, keyset-paged in (vendor, name, version) order: the order of the
/// (tenant, vendor, name) index, so a page of products aggregates only the rows of its products.
/// </summary>
internal sealed class SoftwareQueries(PatchHoundDbContext db)
{
    /// <summary>A device's software, or null when the tenant has no such device.</summary>
    public async Task<Page<InstalledSoftwareDto>?> DevicePageAsync(
        Guid deviceId, SoftwareCursor? after, int limit, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        if (!await db.Devices.AnyAsync(d => d.TenantId == tenantId && d.Id == deviceId, cancellationToken))
        {
            return null;
        }

        var software = db.InstalledSoftware.AsNoTracking().Where(s => s.TenantId == tenantId && s.DeviceId == deviceId);
        if (after is not null)
        {
            var version = after.Version ?? string.Empty;
            software = software.Where(s => string.Compare(s.Vendor, after.Vendor) > 0
                || (s.Vendor == after.Vendor && string.Compare(s.Name, after.Name) > 0)
                || (s.Vendor == after.Vendor && s.Name == after.Name && string.Compare(s.Version, version) > 0));
        }

        var rows = await software
            .OrderBy(s => s.Vendor).ThenBy(s => s.Name).ThenBy(s => s.Version)
            .Take(limit + 1)
            .Select(s => new InstalledSoftwareDto(
                s.Id, s.Vendor, s.Name, s.Version, s.FirstSeenAt, s.LastSeenAt, s.EvidenceCount,
                db.Findings.Count(f => f.TenantId == tenantId && f.DeviceId == deviceId && f.ProductName == s.Name
                    && f.Status == FindingStatus.Open)))
            .ToListAsync(cancellationToken);
        var next = rows.Count > limit ? Cursor.Encode(new SoftwareCursor(rows[limit - 1].Vendor, rows[limit - 1].Name, rows[limit - 1].Version)) : null;
        return new Page<InstalledSoftwareDto>(rows.Take(limit).ToList(), next);
    }

    public async Task<Page<SoftwareProductDto>> ProductPageAsync(
        SoftwareFilter filter, SoftwareCursor? after, int limit, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var software = db.InstalledSoftware.AsNoTracking().Where(s => s.TenantId == tenantId);
        if (filter.NameContains is { } name)
        {
            var pattern = $"%{LikePattern.Escape(name)}%";
            software = software.Where(s => EF.Functions.ILike(s.Name, pattern, LikePattern.EscapeCharacter));
        }

        if (filter.Vendor is { } vendor)
        {
            software = software.Where(s => s.Vendor == vendor);
        }

        if (after is not null)
        {
            software = software.Where(s => string.Compare(s.Vendor, after.Vendor) > 0
                || (s.Vendor == after.Vendor && string.Compare(s.Name, after.Name) > 0));
        }

        var rows = await software
            .GroupBy(s => new { s.Vendor, s.Name })
            .OrderBy(g => g.Key.Vendor).ThenBy(g => g.Key.Name)
            .Take(limit + 1)
            .Select(g => new SoftwareProductDto(
                g.Key.Vendor,
                g.Key.Name,
                g.Select(s => s.DeviceId).Distinct().Count(),
                g.Select(s => s.Version).Distinct().Count(),
                g.Max(s => s.LastSeenAt),
                db.Findings.Count(f => f.TenantId == tenantId && f.ProductName == g.Key.Name && f.Status == FindingStatus.Open
                    && db.InstalledSoftware.Any(i => i.TenantId == tenantId && i.DeviceId == f.DeviceId
                        && i.Vendor == g.Key.Vendor && i.Name == g.Key.Name))))
            .ToListAsync(cancellationToken);
        var next = rows.Count > limit ? Cursor.Encode(new SoftwareCursor(rows[limit - 1].Vendor, rows[limit - 1].Name)) : null;
        return new Page<SoftwareProductDto>(rows.Take(limit).ToList(), next);
    }
}
