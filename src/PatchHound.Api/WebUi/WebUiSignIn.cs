using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PatchHound.Api.Auth;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.WebUi;

/// <summary>The sign-in page's dev sign-in: the same principal and session cookie as <c>POST /auth/dev/sign-in</c>.</summary>
internal sealed class WebUiSignIn(PatchHoundAuthenticationOptions options, UserPrincipalFactory principals, ILogger<WebUiSignIn> logger)
    : IWebUiSignIn
{
    public bool DevSignInEnabled => options.DevSignInEnabled;

    public async Task<bool> DevSignInAsync(HttpContext context, string email, CancellationToken cancellationToken)
    {
        if (!DevSignInEnabled)
        {
            return false;
        }

        var principal = await principals.CreateAsync(email, CookieAuthenticationDefaults.AuthenticationScheme, cancellationToken);
        if (principal is null)
        {
            logger.LogWarning("Dev sign-in refused for an unknown user");
            return false;
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return true;
    }
}
