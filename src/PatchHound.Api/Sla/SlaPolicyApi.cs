using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.Sla;

/// <summary>The tenant's SLA policy: everyone reads it, tenant admins change it. A tenant without one has the defaults.</summary>
internal static class SlaPolicyApi
{
    public static IEndpointRouteBuilder MapSlaPolicyApi(this IEndpointRouteBuilder app)
    {
        var policy = app.MapTenantGroup("/sla-policy")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("SLA policy");
        policy.MapGet("/", GetAsync).WithName("GetSlaPolicy").WithSummary("Days to remediate per severity.");
        policy.MapPut("/", ChangeAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("ChangeSlaPolicy").WithSummary("Replaces the days to remediate per severity.");
        return app;
    }

    private static async Task<Ok<SlaPolicyDto>> GetAsync(SettingsQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SlaPolicyAsync(cancellationToken));

    private static async Task<Ok<SlaPolicyDto>> ChangeAsync(
        SlaPolicyRequest request, SlaPolicyCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(await commands.ChangeAsync(request, cancellationToken));
}
