using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Auth;

/// <summary>
/// What both bearer schemes do once a token's signature, issuer, audience and lifetime hold: find the PatchHound
/// user and replace the token's claims with the user's own (<see cref="UserPrincipalFactory"/>); and how they refuse.
/// </summary>
internal static class BearerTokenEvents
{
    public static JwtBearerEvents For(string scheme) => new()
    {
        OnMessageReceived = context =>
        {
            if (context.Request.Headers.Authorization.Count == 0)
            {
                context.Token = HubAccessTokens.Read(context.Request);
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context => ReplacePrincipalAsync(context, scheme),
        OnChallenge = context => ChallengeAsync(context, scheme),
        OnForbidden = context => AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your roles do not allow this."),
    };

    private static async Task ReplacePrincipalAsync(TokenValidatedContext context, string scheme)
    {
        var services = context.HttpContext.RequestServices;
        var cancellationToken = context.HttpContext.RequestAborted;
        var resolution = scheme == AuthSchemes.DevToken
            ? await DevTokenUserAsync(services.GetRequiredService<PatchHoundDbContext>(), context.Principal!, cancellationToken)
            : await services.GetRequiredService<ExternalUserResolver>().ResolveAsync(context.Principal!, cancellationToken);
        if (resolution.User is not { } user)
        {
            context.Fail(resolution.Refusal ?? "No PatchHound user matches this token.");
            return;
        }

        if (user.IsDisabled)
        {
            context.Fail("This PatchHound user is disabled.");
            return;
        }

        context.Principal = await services.GetRequiredService<UserPrincipalFactory>().CreateAsync(KnownUser.From(user), scheme, fresh: false, cancellationToken);
    }

    private static async Task<UserResolution> DevTokenUserAsync(PatchHoundDbContext db, ClaimsPrincipal token, CancellationToken cancellationToken)
    {
        var user = Guid.TryParse(token.FindFirstValue(PatchHoundClaims.UserId), out var id)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;
        return user is null ? UserResolution.Refused("No PatchHound user matches this token.") : UserResolution.Of(user);
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context, string scheme)
    {
        context.HandleResponse();
        var configured = scheme != AuthSchemes.Bearer
            || context.HttpContext.RequestServices.GetRequiredService<IOptions<JwtAuthorityOptions>>().Value.IsConfigured;
        var detail = configured
            ? BearerFailures.Describe(context.AuthenticateFailure)
            : "This server accepts no identity-provider tokens (Authentication:Jwt:Authority is not set).";
        var challenge = context.AuthenticateFailure is null && configured
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{AuthProblems.Quote(detail)}\"";
        await AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Invalid bearer token", detail, challenge);
    }
}
