using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Caching;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Tenancy;

/// <summary>
/// Tenants by id or slug, as a request or job names them, kept per replica until a committed change to any tenant
/// is announced. Names that are no tenant are kept as such too, until a tenant is created.
/// </summary>
public sealed class TenantDirectory(CacheChangeFeed feed, TimeProvider time, IOptions<CachingOptions> options)
{
    private readonly ChangeNotifiedCache<KnownTenant> cache = new(CacheChanges.Tenants, evictWholeTable: true, feed, time, options);

    /// <returns>The tenant in whatever status, or null when the name is no tenant.</returns>
    public ValueTask<KnownTenant?> FindAsync(PatchHoundDbContext db, string idOrSlug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(idOrSlug);
        var isId = Guid.TryParse(idOrSlug, out var id);
        if (!isId && !Tenant.IsValidSlug(idOrSlug))
        {
            return ValueTask.FromResult<KnownTenant?>(null);
        }

        return cache.GetOrLoadAsync(idOrSlug, ct =>
        {
            var tenants = db.Set<Tenant>().AsNoTracking();
            return (isId ? tenants.Where(t => t.Id == id) : tenants.Where(t => t.Slug == idOrSlug))
                .Select(t => new KnownTenant(t.Id, t.Slug, t.Edition, t.Status))
                .SingleOrDefaultAsync(ct);
        }, cancellationToken);
    }
}
