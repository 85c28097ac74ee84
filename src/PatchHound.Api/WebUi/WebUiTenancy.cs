using System.Security.Claims;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>
/// The pages' tenant rules, the same as <see cref="TenantRouteFilter"/>'s: the tenant resolves by id or slug, must be
/// active, and the caller needs a membership in it; otherwise the page is the 404 page, whether it exists or not.
/// Static rendering initializes the layout and the page concurrently, and both call here on the request's one
/// DbContext: calls are serialized, and the memberships are read once per request.
/// </summary>
internal sealed class WebUiTenancy(
    TenantScope scope, TenantDirectory directory, PatchHoundDbContext db, IHttpContextAccessor accessor, ILogger<WebUiTenancy> logger)
    : IWebUiTenancy, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Task<IReadOnlyList<WebUiTenant>>? memberships;

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<WebUiTenant?> EnterAsync(string tenant, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await EnterOnceAsync(tenant, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<IReadOnlyList<WebUiTenant>> MembershipsAsync(CancellationToken cancellationToken) =>
        memberships ??= ReadMembershipsAsync(cancellationToken);

    public void Dispose() => gate.Dispose();

    private async Task<WebUiTenant?> EnterOnceAsync(string tenant, CancellationToken cancellationToken)
    {
        KnownTenant known;
        try
        {
            known = await scope.EnterAsync(tenant, cancellationToken);
        }
        catch (UnknownTenantException)
        {
            return null;
        }

        var roles = TenantRouteFilter.RolesIn(User, known.Id);
        if (roles.Count == 0)
        {
            logger.LogWarning("User {User} has no membership in tenant {Tenant}", User.FindFirstValue(PatchHoundClaims.UserId), known.Id);
            return null;
        }

        var userId = Guid.TryParse(User.FindFirstValue(PatchHoundClaims.UserId), out var id) ? id : (Guid?)null;
        return new WebUiTenant(known.Id, known.Slug, roles, userId);
    }

    private async Task<IReadOnlyList<WebUiTenant>> ReadMembershipsAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ReadMembershipsOnceAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<WebUiTenant>> ReadMembershipsOnceAsync(CancellationToken cancellationToken)
    {
        var tenantIds = User.FindAll(PatchHoundClaims.TenantRole)
            .Select(c => c.Value.Split(':')[0])
            .Select(id => Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .Distinct();
        var tenants = new List<WebUiTenant>();
        foreach (var id in tenantIds)
        {
            if (await directory.FindAsync(db, id.ToString(), cancellationToken) is { Status: Core.Tenancy.TenantStatus.Active } known)
            {
                tenants.Add(new WebUiTenant(known.Id, known.Slug, TenantRouteFilter.RolesIn(User, known.Id)));
            }
        }

        return tenants.OrderBy(t => t.Slug, StringComparer.Ordinal).ToList();
    }
}
