using Microsoft.AspNetCore.Authentication.Cookies;
using PatchHound.Api.ApiKeys;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.Auth;

/// <summary>The session cookie of the web UI and the demo sign-in.</summary>
internal static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions cookie, PatchHoundAuthenticationOptions options)
    {
        cookie.Cookie.Name = "patchhound.session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.CookieLifetime;
        cookie.SlidingExpiration = true;
        cookie.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;

        // An API answers with a status, never with a redirect to a login page; a page of the web UI goes to its sign-in page.
        cookie.Events.OnRedirectToLogin = context => WebUiPages.IsPage(context.HttpContext)
            ? RedirectToSignIn(context.HttpContext)
            : AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
            "Sign-in required",
            "Send a bearer token or an API key (Authorization: ApiKey ph_…), or sign in for a session cookie.",
            AuthSchemes.Bearer, ApiKeyCredentials.AuthorizationScheme);
        cookie.Events.OnRedirectToAccessDenied = context => AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
            "Forbidden", "Your roles do not allow this.");
    }

    private static Task RedirectToSignIn(HttpContext context)
    {
        context.Response.Redirect(WebUiPages.SignInUrl(context));
        return Task.CompletedTask;
    }
}
