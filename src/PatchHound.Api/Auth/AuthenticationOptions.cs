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

    /// <summary>
    /// How long a replica reuses a user's memberships between requests of a session or bearer token. Reading them
    /// crosses tenants (an audited platform scope), so it is not done on every request; an explicit sign-in always
    /// reads them afresh. A disabled user is refused on the next request whatever this says.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MembershipCacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
