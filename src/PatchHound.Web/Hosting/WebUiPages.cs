using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;

namespace PatchHound.Web.Hosting;

/// <summary>Tells the host's sign-in challenge a page request (redirect to the sign-in page) from an API call (401).</summary>
public static class WebUiPages
{
    public const string SignInPath = "/sign-in";

    public static bool IsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    /// <summary>The sign-in page, returning to the page asked for (a local path only).</summary>
    public static string SignInUrl(HttpContext context) =>
        $"{SignInPath}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}";

    /// <summary>A return URL is followed only when it is a local path, never another site.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
