using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Api.Auth;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.ApiKeys;

/// <summary>
/// The <c>ApiKey</c> scheme: finds the presented key by prefix inside the tenant the key names, compares its hash in
/// constant time, refuses expired and revoked keys with the reason, and records the use (throttled).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
    ApiKeyUseRecorder uses,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiKeyCredentials.Read(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyToken.TryParse(presented, out var tenantId, out var secret))
        {
            return AuthenticateResult.Fail("The API key is malformed: expected the ph_… value shown when the key was created.");
        }

        // A scope of its own: the request's DbContext must stay free to enter the tenant of the route.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchHoundDbContext>();
        db.Tenant.Enter(tenantId);
        var prefix = ApiKey.PrefixOf(secret);
        var key = await db.ApiKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.TenantId == tenantId && k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !key.Matches(secret))
        {
            Logger.LogWarning("Refused an unknown API key with prefix {Prefix}", prefix);
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is { } revokedAt && revokedAt <= now)
        {
            Logger.LogWarning("Refused revoked API key {Prefix}", key.Prefix);
            return AuthenticateResult.Fail($"The API key was revoked at {revokedAt:O}.");
        }

        if (key.ExpiresAt <= now)
        {
            Logger.LogWarning("Refused expired API key {Prefix}", key.Prefix);
            return AuthenticateResult.Fail($"The API key expired at {key.ExpiresAt:O}; create a new one.");
        }

        await uses.RecordAsync(db, key, now, Context.RequestAborted);
        var principal = ApiKeyPrincipal.Create(key, Context.GetEndpoint(), Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "An API key is required.";
        await AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Invalid API key", detail,
            $"{ApiKeyCredentials.AuthorizationScheme} error=\"invalid_key\", error_description=\"{AuthProblems.Quote(detail)}\"");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API key does not allow this.");
}
