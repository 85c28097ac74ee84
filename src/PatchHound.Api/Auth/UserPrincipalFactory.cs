using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Auth;

/// <summary>
/// Builds the signed-in identity from the users table: the same identities and roles for every way of signing in
/// (cookie, identity-provider token, dev token). Disabled users get none.
/// </summary>
internal sealed class UserPrincipalFactory(PatchHoundDbContext db, UserMemberships memberships, IdentityCache cache)
{
    /// <summary>An explicit sign-in by e-mail: the user and memberships are read afresh.</summary>
    public async Task<ClaimsPrincipal?> CreateAsync(string email, string scheme, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        return user is null || user.IsDisabled ? null : await CreateAsync(KnownUser.From(user), scheme, fresh: true, cancellationToken);
    }

    /// <summary>A request of an existing session or token: null when the user is gone or disabled.</summary>
    public async Task<ClaimsPrincipal?> CreateAsync(Guid userId, string scheme, CancellationToken cancellationToken)
    {
        var user = await cache.Users.GetOrLoadAsync(userId.ToString(), async ct =>
            await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct) is { } row ? KnownUser.From(row) : null,
            cancellationToken);
        return user is null || user.IsDisabled ? null : await CreateAsync(user, scheme, fresh: false, cancellationToken);
    }

    public async Task<ClaimsPrincipal> CreateAsync(KnownUser user, string scheme, bool fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(PatchHoundClaims.UserId, user.Id.ToString()),
            new(PatchHoundClaims.Email, user.Email),
            new(PatchHoundClaims.Name, user.DisplayName),
        };
        if (user.IsPlatformOperator)
        {
            claims.Add(new Claim(PatchHoundClaims.PlatformOperator, "true"));
        }

        var roles = await memberships.ReadAsync(user.Id, fresh, cancellationToken);
        claims.AddRange(roles.Select(m => new Claim(PatchHoundClaims.TenantRole, $"{m.TenantId}:{m.Role}")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, PatchHoundClaims.Name, null));
    }
}
