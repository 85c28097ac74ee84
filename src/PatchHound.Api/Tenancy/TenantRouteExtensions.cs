using PatchHound.Core.Identity;

namespace PatchHound.Api.Tenancy;

internal static class TenantRouteExtensions
{
    /// <summary>
    /// A group under <c>/api/tenants/{tenant}</c>: signed-in callers only. The tenant is checked by
    /// <see cref="TenantRouteFilter"/>, which the API's root group runs before any other filter.
    /// </summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder app, string path) =>
        app.MapGroup($"/api/tenants/{{{TenantRouteFilter.RouteParameter}}}{path}")
            .RequireAuthorization();

    public static TBuilder AllowTenantRoles<TBuilder>(this TBuilder builder, params TenantRole[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TenantRolesMetadata(roles));
}
