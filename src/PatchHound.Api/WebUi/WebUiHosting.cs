using PatchHound.Web;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The API host's side of the web UI (ADR 0008): the pages' ports, implemented with the API's own auth and tenancy.</summary>
internal static class WebUiHosting
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddPatchHoundWebUi();
        services.AddScoped<IWebUiTenancy, WebUiTenancy>();
        services.AddScoped<IWebUiSignIn, WebUiSignIn>();
        return services;
    }
}
