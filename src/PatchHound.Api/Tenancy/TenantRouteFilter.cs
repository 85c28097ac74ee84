using System.Diagnostics;
using System.Security.Claims;
using PatchHound.Api.Auth;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.ServiceDefaults;
using Serilog.Context;

namespace PatchHound.Api.Tenancy;

/// <summary>
/// For every endpoint under <c>/api/tenants/{tenant}</c>: resolves the tenant (id or slug), answers 404 when the
/// caller has no membership in it — whether it exists or not, so ids of other tenants reveal nothing — and 403 when
/// the membership's role is not one the endpoint allows; then enters the tenant for the request's DbContext, its span (with the end user) and its log events.
/// It runs first, so a caller learns nothing about a tenant — not even that a body is invalid — before passing it.
/// </summary>
internal sealed class TenantRouteFilter(TenantScope scope, ILogger<TenantRouteFilter> logger) : IEndpointFilter
{
    public const string RouteParameter = "tenant";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues[RouteParameter] is not string requested)
        {
            return await next(context);
        }

        var allowed = http.GetEndpoint()?.Metadata.GetMetadata<TenantRolesMetadata>()?.Roles ?? [];
        KnownTenant tenant;
        try
        {
            tenant = await scope.EnterAsync(requested, http.RequestAborted);
        }
        catch (UnknownTenantException)
        {
            return NotFound();
        }

        var roles = RolesIn(http.User, tenant.Id);
        if (roles.Count == 0)
        {
            logger.LogWarning("User {User} has no membership in tenant {Tenant}", http.User.FindFirstValue(PatchHoundClaims.UserId), tenant.Id);
            return NotFound();
        }

        if (!roles.Any(allowed.Contains))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"This needs one of the roles {string.Join(", ", allowed)} in the tenant.");
        }

        Activity.Current?.SetTag(TenantTelemetry.EndUserIdAttribute, http.User.FindFirstValue(PatchHoundClaims.UserId));
        using (LogContext.PushProperty("TenantId", tenant.Id))
        using (LogContext.PushProperty("TenantEdition", tenant.Edition.ToString()))
        {
            return await next(context);
        }
    }

    internal static IReadOnlyList<TenantRole> RolesIn(ClaimsPrincipal user, Guid tenantId) =>
        user.FindAll(PatchHoundClaims.TenantRole)
            .Select(c => c.Value.Split(':'))
            .Where(parts => parts.Length == 2 && Guid.TryParse(parts[0], out var id) && id == tenantId)
            .Select(parts => Enum.TryParse<TenantRole>(parts[1], out var role) ? role : (TenantRole?)null)
            .OfType<TenantRole>()
            .ToList();

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The resource does not exist.");
}
