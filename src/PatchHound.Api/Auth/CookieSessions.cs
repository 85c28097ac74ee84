using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PatchHound.Api.Auth;

/// <summary>
/// A session cookie carries the identity of its sign-in; each request rebuilds it from the users table like a bearer
/// token does, so a disabled user is out at once and membership changes reach open sessions.
/// </summary>
internal static class CookieSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = Guid.TryParse(context.Principal?.FindFirst(PatchHoundClaims.UserId)?.Value, out var userId)
            ? await context.HttpContext.RequestServices.GetRequiredService<UserPrincipalFactory>()
                .CreateAsync(userId, AuthSchemes.Cookie, context.HttpContext.RequestAborted)
            : null;
        if (principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(principal);
    }
}
