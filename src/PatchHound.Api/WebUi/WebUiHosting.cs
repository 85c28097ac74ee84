using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using PatchHound.Web;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The API host's side of the web UI (ADR 0008): the pages' ports, implemented with the API's own auth and tenancy.</summary>
internal static class WebUiHosting
{
    public static IHostApplicationBuilder AddWebUi(this IHostApplicationBuilder builder)
    {
        // The library's files are found through the build's static web assets manifest in every environment (not only
        // Development); a published host has none and serves them from wwwroot.
        if (builder.Environment is IWebHostEnvironment web)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        }

        var services = builder.Services;
        services.AddPatchHoundWebUi();
        services.AddScoped<IWebUiTenancy, WebUiTenancy>();
        services.AddScoped<IWebUiSignIn, WebUiSignIn>();
        services.AddScoped<IWebUiNotifications, WebUiNotifications>();
        services.AddScoped<IWebUiIngestion, WebUiIngestion>();
        services.AddScoped<WebUiCommands>();
        services.AddScoped<IWebUiCases, WebUiCases>();
        services.AddScoped<IWebUiApprovals, WebUiApprovals>();
        services.AddScoped<IWebUiSettings, WebUiSettings>();
        services.AddScoped<IWebUiSources, WebUiSources>();
        services.AddScoped<IWebUiOperator, WebUiOperator>();
        return builder;
    }
}
