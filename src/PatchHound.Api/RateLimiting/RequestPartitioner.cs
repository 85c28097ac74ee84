using System.Security.Claims;
using Microsoft.Extensions.Options;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.RateLimiting;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Api.RateLimiting;

/// <summary>
/// Which window a request counts against. A signed-in caller (user or API key) in a tenant they belong to: one
/// window per caller and tenant, sized by the tenant's edition. A signed-in caller anywhere else (admin routes, a
/// tenant they do not belong to, which answers 404 anyway): one window per caller at the default limit. Anonymous
/// requests: one window per client IP. Health checks and the API description are never limited.
/// </summary>
internal sealed class RequestPartitioner(TenantDirectory tenants, IOptions<PatchHoundRateLimitOptions> options)
{
    private static readonly PathString[] Unlimited = ["/health", "/openapi", "/api/reference"];

    /// <returns>The partition, or null when the request is not limited.</returns>
    public async ValueTask<RateLimitTarget?> ResolveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path;
        if (Unlimited.Any(prefix => path.StartsWithSegments(prefix)))
        {
            return null;
        }

        var limits = options.Value;
        var caller = CallerOf(context.User);
        if (caller is null)
        {
            return new RateLimitTarget($"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", limits.Anonymous);
        }

        if (context.Request.RouteValues[TenantRouteFilter.RouteParameter] is string requested
            && await tenants.FindAsync(context.RequestServices.GetRequiredService<PatchHoundDbContext>(), requested, cancellationToken)
                is { Status: TenantStatus.Active } tenant
            && TenantRouteFilter.RolesIn(context.User, tenant.Id).Count > 0)
        {
            return new RateLimitTarget($"tenant:{tenant.Id}:{caller}", limits.Editions.For(tenant.Edition));
        }

        return new RateLimitTarget(caller, limits.Default);
    }

    /// <summary><c>apikey:{prefix}</c> for API keys, <c>user:{id}</c> for users, null when nobody is signed in.</summary>
    private static string? CallerOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirstValue(PatchHoundClaims.Actor)
            ?? (user.FindFirstValue(PatchHoundClaims.UserId) is { } id ? $"user:{id}" : null);
    }
}
