using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PatchHound.Api.Auth;

/// <summary>
/// Sign-in for the seeded demo users by e-mail alone, mapped only when <c>Authentication:DevSignInEnabled</c> is on
/// (never in Production). It issues the same cookie identity a real sign-in does.
/// </summary>
internal static class DevSignInApi
{
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).AllowAnonymous();

        if (!app.ServiceProvider.GetRequiredService<PatchHoundAuthenticationOptions>().DevSignInEnabled)
        {
            return app;
        }

        app.MapPost("/auth/dev/sign-in", SignInAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignInAsync(
        DevSignInRequest request, HttpContext context, UserPrincipalFactory principals, ILogger<DevSignInRequest> logger)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 320)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid sign-in",
                detail: "email is required (at most 320 characters).");
        }

        var principal = await principals.CreateAsync(request.Email, CookieAuthenticationDefaults.AuthenticationScheme, context.RequestAborted);
        if (principal is null)
        {
            logger.LogWarning("Dev sign-in refused for an unknown user");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown user",
                detail: "No PatchHound user has this e-mail address.");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.NoContent();
    }
}

internal sealed record DevSignInRequest
{
    [Required]
    [StringLength(320)]
    public string? Email { get; init; }
}
