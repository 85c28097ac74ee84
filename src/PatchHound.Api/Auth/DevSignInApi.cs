using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Web.Hosting;

namespace PatchHound.Api.Auth;

/// <summary>
/// Sign-in for the seeded demo users by e-mail alone, mapped only when <c>Authentication:DevSignInEnabled</c> is on
/// (never in Production). It issues the same cookie identity a real sign-in does.
/// </summary>
internal static class DevSignInApi
{
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder app)
    {
        // A script gets 204; the web UI's sign-out form (a browser form post) goes on to the sign-in page.
        app.MapPost("/auth/sign-out", async Task<Results<NoContent, RedirectHttpResult>> (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return context.Request.HasFormContentType ? TypedResults.LocalRedirect(WebUiPages.SignInPath) : TypedResults.NoContent();
        }).AllowAnonymous();

        if (!app.ServiceProvider.GetRequiredService<PatchHoundAuthenticationOptions>().DevSignInEnabled)
        {
            return app;
        }

        app.MapPost("/auth/dev/sign-in", SignInAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignInAsync(
        DevSignInRequest request, HttpContext context, IWebUiSignIn signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 320)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid sign-in",
                detail: "email is required (at most 320 characters).");
        }

        if (!await signIn.DevSignInAsync(context, request.Email, context.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown user",
                detail: "No PatchHound user has this e-mail address.");
        }

        return TypedResults.NoContent();
    }
}

internal sealed record DevSignInRequest
{
    [Required]
    [StringLength(320)]
    public string? Email { get; init; }
}
