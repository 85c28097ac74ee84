using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads.Dashboard;

namespace PatchHound.Api.Dashboard;

/// <summary>The tenant's dashboard summary. Every role reads.</summary>
internal static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapTenantGroup("/dashboard")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("Dashboard")
            .MapGet("/", GetAsync).WithName("GetDashboard")
            .WithSummary("Open findings by severity, SLA breaches, KEV exposure and the last 30 days' trend.");
        return app;
    }

    private static async Task<Ok<DashboardDto>> GetAsync(DashboardQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(cancellationToken));
}
