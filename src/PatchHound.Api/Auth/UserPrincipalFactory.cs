using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Auth;

/// <summary>
/// Builds the signed-in identity from the users table: the same identities and roles for every way of signing in.
/// Memberships are read under an audited platform scope because they span tenants.
/// </summary>
internal sealed class UserPrincipalFactory(PatchHoundDbContext db, PatchHound.Infrastructure.Tenancy.PlatformAccess platform)
{
    public async Task<ClaimsPrincipal?> CreateAsync(string email, string scheme, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            return null;
        }

        List<(Guid TenantId, TenantRole Role)> memberships;
        await using (await platform.BeginAsync($"user:{user.Id}", "sign-in: reading the user's memberships", cancellationToken))
        {
            memberships = (await db.TenantMemberships.AsNoTracking()
                    .Where(m => m.UserId == user.Id)
                    .Select(m => new { m.TenantId, m.Role })
                    .ToListAsync(cancellationToken))
                .Select(m => (m.TenantId, m.Role))
                .ToList();
        }

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

        claims.AddRange(memberships.Select(m => new Claim(PatchHoundClaims.TenantRole, $"{m.TenantId}:{m.Role}")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, PatchHoundClaims.Name, null));
    }
}
