using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using PatchHound.Web.Hosting;

namespace PatchHound.Web.Components;

/// <summary>
/// A page under <c>/t/{tenant}</c>: enters the route's tenant for the request (the caller must be a member) before
/// anything is read, and renders the one 404 page otherwise — for unknown and foreign tenants alike.
/// </summary>
public abstract class TenantPage : ComponentBase
{
    [Parameter]
    public string Tenant { get; set; } = string.Empty;

    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IWebUiTenancy Tenancy { get; set; } = default!;

    /// <summary>The tenant of the route with the caller's roles; null only while the 404 page is rendered instead.</summary>
    protected WebUiTenant? Current { get; private set; }

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected sealed override async Task OnInitializedAsync()
    {
        Current = await Tenancy.EnterAsync(Tenant, Aborted);
        if (Current is null)
        {
            Navigation.NotFound();
            return;
        }

        await LoadAsync();
    }

    /// <summary>Reads what the page shows, inside the tenant.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Renders the 404 page instead of this one (an id outside the tenant looks like a missing one).</summary>
    protected void NotFound() => Navigation.NotFound();

    /// <summary>
    /// Runs a form's write after the layout's reads on the request's one DbContext are done, and answers the write's
    /// status (400, 403, 404, 409) when it is refused, so the page shows the message with the API's status.
    /// </summary>
    protected async Task<WebUiOutcome> WriteAsync(Func<CancellationToken, Task<WebUiOutcome>> write)
    {
        await Tenancy.MembershipsAsync(Aborted);
        var outcome = await write(Aborted);
        if (!outcome.Succeeded)
        {
            HttpContext.Response.StatusCode = outcome.Status;
        }

        return outcome;
    }

    protected string TenantPath(string rest = "") => WebUiPaths.Tenant(Current!.Slug, rest);
}
