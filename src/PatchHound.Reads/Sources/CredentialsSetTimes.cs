using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Reads.Sources;

/// <summary>
/// When each source's credential was last set through the API, read from the append-only audit log (the secret stores
/// keep no such date the API could read cheaply, and the source row has no column for it).
/// </summary>
internal static class CredentialsSetTimes
{
    public const string Action = "source.credentials_set";

    /// <summary>The audit log's entity type of a source.</summary>
    public const string EntityType = "source_configuration";

    public static async Task<Dictionary<Guid, DateTimeOffset>> ForAsync(
        PatchHoundDbContext db, IEnumerable<Guid> sourceIds, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var ids = sourceIds.Select(id => id.ToString()).ToList();
        var rows = await db.AuditLogEntries.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.EntityType == EntityType && ids.Contains(a.EntityId) && a.Action == Action)
            .GroupBy(a => a.EntityId)
            .Select(g => new { SourceId = g.Key, At = g.Max(a => a.At) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => Guid.Parse(r.SourceId), r => r.At);
    }

    public static async Task<DateTimeOffset?> ForAsync(PatchHoundDbContext db, Guid sourceId, CancellationToken cancellationToken) =>
        (await ForAsync(db, [sourceId], cancellationToken)).TryGetValue(sourceId, out var at) ? at : null;
}
