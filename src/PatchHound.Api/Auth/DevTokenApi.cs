using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Auth;

/// <summary>
/// <c>POST /auth/dev/token</c>: a signed bearer token for a seeded demo user, by e-mail alone, for scripts and API
/// clients in the demo. Mapped only when <c>Authentication:DevTokens:Enabled</c> is on (never in Production).
/// </summary>
internal static class DevTokenApi
{
    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<DevTokenOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPost("/auth/dev/token", IssueAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("IssueDevToken")
            .WithSummary("Demo only: a bearer token for a seeded user")
            .WithTags("Authentication");
        return app;
    }

    private static async Task<Results<Ok<DevToken>, ProblemHttpResult>> IssueAsync(
        DevTokenRequest request,
        PatchHoundDbContext db,
        UserMemberships memberships,
        DevTokenIssuer issuer,
        ILogger<DevTokenRequest> logger,
        CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(request.Email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            logger.LogWarning("Dev token refused for an unknown or disabled user");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown user",
                detail: "No active PatchHound user has this e-mail address.");
        }

        // Like any explicit sign-in, a new token starts from the user's current memberships.
        await memberships.ReadAsync(user.Id, fresh: true, cancellationToken);
        return TypedResults.Ok(issuer.Issue(user));
    }
}

public sealed record DevTokenRequest([Required, StringLength(User.EmailMaxLength)] string Email);
