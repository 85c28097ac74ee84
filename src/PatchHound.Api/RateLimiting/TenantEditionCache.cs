using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.RateLimiting;

namespace PatchHound.Api.RateLimiting;

/// <summary>
/// The tenant a route names (id or slug) with its edition, remembered for a short time per replica so the limiter
/// does not query the database on every request. Keyed by what the route says; an edition change or a suspension
/// takes effect within <see cref="PatchHoundRateLimitOptions.TenantCacheDuration"/>.
/// </summary>
internal sealed class TenantEditionCache(IServiceScopeFactory scopes, TimeProvider time, IOptions<PatchHoundRateLimitOptions> options)
{
    // Unknown names are remembered too (as null); the bound keeps a caller sweeping random slugs from growing it.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (KnownTenant? Tenant, DateTimeOffset ExpiresAt)> entries = new(StringComparer.Ordinal);

    public async ValueTask<KnownTenant?> FindAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        var isId = Guid.TryParse(idOrSlug, out var id);
        if (!isId && !Tenant.IsValidSlug(idOrSlug))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (entries.TryGetValue(idOrSlug, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Tenant;
        }

        await using var scope = scopes.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<PatchHoundDbContext>().Tenants.AsNoTracking()
            .Where(t => t.Status == TenantStatus.Active);
        var tenant = await (isId ? tenants.Where(t => t.Id == id) : tenants.Where(t => t.Slug == idOrSlug))
            .Select(t => new KnownTenant(t.Id, t.Edition))
            .SingleOrDefaultAsync(cancellationToken);

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[idOrSlug] = (tenant, now + options.Value.TenantCacheDuration);
        return tenant;
    }
}
