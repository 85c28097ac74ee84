using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Operator;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Platform operators create tenants, change their edition and settings, and suspend or reactivate them.</summary>
internal static class TenantsAdminApi
{
    public static IEndpointRouteBuilder MapTenantsAdminApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/admin/tenants").RequireAuthorization(Policies.PlatformOperator).WithTags("Admin: tenants");
        tenants.MapGet("/", ListAsync).WithName("ListTenants").WithSummary("Tenants by slug, keyset-paged; optionally of one status.");
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant").WithSummary("Creates an active tenant with the default SLA policy.");
        tenants.MapGet("/{id:guid}", GetAsync).WithName("GetTenant").WithSummary("One tenant, with its settings.");
        tenants.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTenant").WithSummary("Replaces name, edition and settings.");
        tenants.MapPost("/{id:guid}/suspend", SuspendAsync).WithName("SuspendTenant").WithSummary("Suspends an active tenant: its users and jobs are refused.");
        tenants.MapPost("/{id:guid}/reactivate", ReactivateAsync).WithName("ReactivateTenant").WithSummary("Reactivates a suspended tenant.");
        return app;
    }

    private static async Task<Ok<Page<TenantDto>>> ListAsync(
        OperatorQueries queries, int? limit, string? cursor, TenantStatus? status, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.TenantsAsync(status, Cursor.Decode<TenantCursor>(cursor), PageLimit.Of(limit), cancellationToken));

    private static async Task<Results<Created<TenantDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateTenantRequest request, TenantCommands commands, CancellationToken cancellationToken) =>
        (await commands.CreateAsync(request, cancellationToken)).ToHttp(created => TypedResults.Created($"/api/admin/tenants/{created.Id}", created));

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetAsync(Guid id, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tenant is null ? OperatorTenants.NotFound() : TypedResults.Ok(TenantDto.From(tenant));
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateTenantRequest request, PatchHoundDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var tenant = await OperatorTenants.EnterAsync(db, id, cancellationToken);
        if (tenant is null)
        {
            return OperatorTenants.NotFound();
        }

        var before = TenantDto.From(tenant);
        var settings = new TenantSettings(request.Settings.IngestionRetryCount!.Value, request.Settings.TimeZone);
        tenant.Rename(request.Name);
        tenant.ChangeEdition(request.Edition!.Value);
        tenant.ChangeSettings(settings);
        var after = TenantDto.From(tenant);
        audit.Record("tenant.updated", TenantCommands.EntityType, tenant.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult, ValidationProblem>> SuspendAsync(
        Guid id, TenantCommands commands, CancellationToken cancellationToken) =>
        (await commands.SuspendAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult, ValidationProblem>> ReactivateAsync(
        Guid id, TenantCommands commands, CancellationToken cancellationToken) =>
        (await commands.ReactivateAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);
}
