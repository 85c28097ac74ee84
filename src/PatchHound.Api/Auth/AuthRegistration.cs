using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace PatchHound.Api.Auth;

internal static class AuthRegistration
{
    public static IHostApplicationBuilder AddPatchHoundAuth(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PatchHoundAuthenticationOptions.Section).Get<PatchHoundAuthenticationOptions>()
            ?? new PatchHoundAuthenticationOptions();
        if (options.DevSignInEnabled && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Authentication:DevSignInEnabled is for the demo and local development; it must be off in Production.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<UserPrincipalFactory>();
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "patchhound.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.CookieLifetime;
                cookie.SlidingExpiration = true;
                // An API answers with a status, never with a redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                    "Sign-in required", "Sign in first (POST /auth/dev/sign-in in the demo).");
                cookie.Events.OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                    "Forbidden", "Your roles do not allow this.");
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PlatformOperator, policy => policy.RequireClaim(PatchHoundClaims.PlatformOperator, "true"));
        return builder;
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
