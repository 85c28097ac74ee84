namespace PatchHound.Web.Hosting;

/// <summary>
/// What the pages need from the host about the caller and tenants. The API host implements it with the same tenant
/// resolution and membership rules as its tenant route filter, so a page and an endpoint refuse the same callers.
/// </summary>
public interface IWebUiTenancy
{
    /// <summary>
    /// Enters the tenant (id or slug) for this request's database context when the caller is a member; null for an
    /// unknown, suspended or foreign tenant, which the pages answer with the one 404 page.
    /// </summary>
    Task<WebUiTenant?> EnterAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>The tenants the caller is a member of, for the tenant switcher.</summary>
    Task<IReadOnlyList<WebUiTenant>> MembershipsAsync(CancellationToken cancellationToken);
}
