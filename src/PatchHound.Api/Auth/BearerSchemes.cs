using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace PatchHound.Api.Auth;

/// <summary>The two bearer schemes: the identity provider's tokens and, in the demo, the dev issuer's.</summary>
internal static class BearerSchemes
{
    public static void ConfigureAuthority(JwtBearerOptions bearer, JwtAuthorityOptions options)
    {
        bearer.MapInboundClaims = false;
        bearer.Events = BearerTokenEvents.For(AuthSchemes.Bearer);
        bearer.TokenValidationParameters.NameClaimType = PatchHoundClaims.Name;
        bearer.TokenValidationParameters.ClockSkew = options.ClockSkew;
        if (!options.IsConfigured)
        {
            // No authority, no keys: every token fails validation and the challenge says why.
            return;
        }

        // The issuer and signing keys come from the authority's discovery document (and its key rotation).
        bearer.Authority = options.Authority;
        bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
        bearer.TokenValidationParameters.ValidAudiences = options.Audiences;
        bearer.TokenValidationParameters.ValidateAudience = true;
        bearer.TokenValidationParameters.ValidateIssuer = true;
    }

    public static void ConfigureDevTokens(JwtBearerOptions bearer, DevTokenOptions options, DevSigningKey key)
    {
        bearer.MapInboundClaims = false;
        bearer.Events = BearerTokenEvents.For(AuthSchemes.DevToken);
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = PatchHoundClaims.Name,
        };
    }
}
