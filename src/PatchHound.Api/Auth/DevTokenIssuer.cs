using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PatchHound.Core.Identity;

namespace PatchHound.Api.Auth;

/// <summary>Signs short-lived access tokens for the seeded demo users; the <c>DevToken</c> scheme accepts them.</summary>
internal sealed class DevTokenIssuer(DevSigningKey key, IOptions<DevTokenOptions> options, TimeProvider clock)
{
    public DevToken Issue(User user)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(PatchHoundClaims.UserId, user.Id.ToString()),
                new Claim(PatchHoundClaims.Email, user.Email),
            ]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new DevToken(token, "Bearer", (int)options.Value.Lifetime.TotalSeconds, expires);
    }
}
