using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Web.Components;

namespace PatchHound.Web;

/// <summary>How a host mounts the analysts' UI: static server rendering only, no interactive render mode (ADR 0008).</summary>
public static class WebUiRegistration
{
    public static IServiceCollection AddPatchHoundWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services;
    }

    /// <summary>Maps the pages and the library's static assets; every page requires a signed-in caller.</summary>
    public static IEndpointRouteBuilder MapPatchHoundWebUi(this IEndpointRouteBuilder app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().RequireAuthorization();
        return app;
    }
}
