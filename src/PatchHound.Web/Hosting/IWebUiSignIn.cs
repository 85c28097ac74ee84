using Microsoft.AspNetCore.Http;

namespace PatchHound.Web.Hosting;

/// <summary>The host's sign-in for the sign-in page: the demo's dev sign-in issues the same session cookie as the API's.</summary>
public interface IWebUiSignIn
{
    /// <summary>False where the dev sign-in is off (production); the page then offers none.</summary>
    bool DevSignInEnabled { get; }

    /// <summary>Signs the seeded user with this e-mail in with the session cookie; false when no such user exists.</summary>
    Task<bool> DevSignInAsync(HttpContext context, string email, CancellationToken cancellationToken);
}
