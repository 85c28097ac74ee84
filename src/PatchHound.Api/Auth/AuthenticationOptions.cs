using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.Auth;

/// <summary>Bound from <c>Authentication</c>.</summary>
internal sealed class PatchHoundAuthenticationOptions
{
    public const string Section = "Authentication";

    /// <summary>
    /// Sign-in by e-mail alone for the seeded demo users (<c>POST /auth/dev/sign-in</c>). Demo and local
    /// development only: the host refuses to start with it in Production.
    /// </summary>
    public bool DevSignInEnabled { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);
}
