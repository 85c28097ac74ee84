using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PatchHound.Api.ApiKeys;

namespace PatchHound.Api.Auth;

/// <summary>
/// Sign-in for the API: identity-provider bearer tokens (<see cref="JwtAuthorityOptions"/>), API keys, the session
/// cookie, and for the demo the dev sign-in and dev tokens. A policy scheme forwards each request to the one it
/// presents, so every endpoint accepts all of them; all answer 401/403 with ProblemDetails.
/// </summary>
internal static class AuthRegistration
{
    public static IHostApplicationBuilder AddPatchHoundAuth(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(PatchHoundAuthenticationOptions.Section).Get<PatchHoundAuthenticationOptions>()
            ?? new PatchHoundAuthenticationOptions();
        var devTokens = builder.Configuration.GetSection(DevTokenOptions.Section).Get<DevTokenOptions>() ?? new DevTokenOptions();
        RefuseDemoSignInInProduction(builder.Environment, settings, devTokens);

        var services = builder.Services;
        AddValidatedOptions<PatchHoundAuthenticationOptions>(services, PatchHoundAuthenticationOptions.Section);
        AddValidatedOptions<JwtAuthorityOptions>(services, JwtAuthorityOptions.Section);
        AddValidatedOptions<DevTokenOptions>(services, DevTokenOptions.Section);
        AddValidatedOptions<ApiKeyOptions>(services, ApiKeyOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PatchHoundAuthenticationOptions>>().Value);
        services.AddSingleton<IdentityCache>();
        services.AddScoped<UserMemberships>();
        services.AddScoped<UserPrincipalFactory>();
        services.AddScoped<ExternalUserResolver>();
        services.AddSingleton<DevSigningKey>();
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton<ApiKeyUseRecorder>();
        services.AddAntiforgery();
        services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(openApi => openApi.AddDocumentTransformer<SecuritySchemesDocument>());

        var authentication = services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Bearer token, API key or session cookie",
                policy => policy.ForwardDefaultSelector = AuthSchemeSelector.Select)
            .AddCookie(AuthSchemes.Cookie)
            .AddJwtBearer(AuthSchemes.Bearer, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        if (devTokens.Enabled)
        {
            authentication.AddJwtBearer(AuthSchemes.DevToken, _ => { });
        }

        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<PatchHoundAuthenticationOptions>>((cookie, options) => SessionCookie.Configure(cookie, options.Value));
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Bearer)
            .Configure<IOptions<JwtAuthorityOptions>>((bearer, options) => BearerSchemes.ConfigureAuthority(bearer, options.Value));
        services.AddOptions<JwtBearerOptions>(AuthSchemes.DevToken)
            .Configure<IOptions<DevTokenOptions>, DevSigningKey>((bearer, options, key) => BearerSchemes.ConfigureDevTokens(bearer, options.Value, key));

        services.AddSingleton<IAuthorizationHandler, ApiKeyScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new ApiKeyScopeRequirement())
                .Build())
            .AddPolicy(Policies.PlatformOperator, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => PlatformOperatorRule.Allows(context.User)));
        return builder;
    }

    private static void RefuseDemoSignInInProduction(IHostEnvironment environment, PatchHoundAuthenticationOptions settings, DevTokenOptions devTokens)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        if (settings.DevSignInEnabled)
        {
            throw new InvalidOperationException(
                "Authentication:DevSignInEnabled is for the demo and local development; it must be off in Production.");
        }

        if (devTokens.Enabled)
        {
            throw new InvalidOperationException(
                "Authentication:DevTokens:Enabled is for the demo and local development; it must be off in Production.");
        }
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
