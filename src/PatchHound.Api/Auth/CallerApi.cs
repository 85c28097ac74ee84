using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Auth;

/// <summary>
/// Who the API takes the caller for, whichever way they signed in: <c>GET /api/me</c> (every tenant role) and
/// <c>GET /api/tenants/{tenant}/me</c> (the roles in one tenant). A quick check for a new token or API key.
/// </summary>
internal static class CallerApi
{
    public static IEndpointRouteBuilder MapCallerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMe)
            .RequireAuthorization()
            .WithName("GetCaller")
            .WithSummary("The signed-in caller and their roles in every tenant")
            .WithTags("Authentication");
        app.MapTenantGroup("/me")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("Authentication")
            .MapGet("/", GetMeInTenant)
            .WithName("GetCallerInTenant")
            .WithSummary("The signed-in caller and their roles in this tenant");
        return app;
    }

    private static Ok<CallerDto> GetMe(HttpContext http, CurrentCaller caller) =>
        TypedResults.Ok(CallerDto.From(http.User, caller, tenantId: null));

    private static Ok<CallerDto> GetMeInTenant(HttpContext http, CurrentCaller caller, PatchHoundDbContext db) =>
        TypedResults.Ok(CallerDto.From(http.User, caller, db.Tenant.RequireTenantId()));
}

internal sealed record CallerDto(
    string Actor,
    Guid? UserId,
    string? Email,
    string? Name,
    bool IsPlatformOperator,
    IReadOnlyList<string>? ApiKeyScopes,
    IReadOnlyList<TenantRoleDto> Roles)
{
    public static CallerDto From(ClaimsPrincipal user, CurrentCaller caller, Guid? tenantId)
    {
        var roles = user.FindAll(PatchHoundClaims.TenantRole)
            .Select(c => c.Value.Split(':'))
            .Where(parts => parts.Length == 2 && Guid.TryParse(parts[0], out _))
            .Select(parts => new TenantRoleDto(Guid.Parse(parts[0]), parts[1]))
            .Where(role => tenantId is null || role.TenantId == tenantId)
            .ToList();
        var scopes = user.FindAll(PatchHoundClaims.ApiKeyScope).Select(c => c.Value).ToList();
        return new CallerDto(caller.Actor, caller.UserId, user.FindFirstValue(PatchHoundClaims.Email), user.FindFirstValue(PatchHoundClaims.Name),
            caller.IsPlatformOperator, scopes.Count > 0 ? scopes : null, roles);
    }
}

internal sealed record TenantRoleDto(Guid TenantId, string Role);
