using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Core.Sla;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Platform operators create tenants, change their edition and settings, and suspend or reactivate them.</summary>
internal static class TenantsAdminApi
{
    public const string EntityType = "tenant";

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
        PatchHoundDbContext db, int? limit, string? cursor, TenantStatus? status, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode<TenantCursor>(cursor);
        var take = PageLimit.Of(limit);
        var query = db.Tenants.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(t => t.Status == wanted);
        }

        if (after is not null)
        {
            query = query.Where(t => string.Compare(t.Slug, after.Slug) > 0);
        }

        var rows = await query.OrderBy(t => t.Slug).Take(take + 1).ToListAsync(cancellationToken);
        var items = rows.Take(take).Select(TenantDto.From).ToList();
        var next = rows.Count > take ? Cursor.Encode(new TenantCursor(items[^1].Slug)) : null;
        return TypedResults.Ok(new Page<TenantDto>(items, next));
    }

    private static async Task<Results<Created<TenantDto>, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = new Tenant(request.Slug, request.Name, request.Edition!.Value, clock.GetUtcNow());
        if (await db.Tenants.AnyAsync(t => t.Slug == tenant.Slug, cancellationToken))
        {
            return SlugTaken(tenant.Slug);
        }

        db.Tenants.Add(tenant);
        db.Tenant.Enter(tenant.Id);
        db.SlaPolicies.Add(new SlaPolicy(tenant.Id));
        var created = TenantDto.From(tenant);
        audit.Record("tenant.created", EntityType, tenant.Id, null, created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SlugTaken(tenant.Slug);
        }

        return TypedResults.Created($"/api/admin/tenants/{tenant.Id}", created);
    }

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
        audit.Record("tenant.updated", EntityType, tenant.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static Task<Results<Ok<TenantDto>, ProblemHttpResult>> SuspendAsync(
        Guid id, PatchHoundDbContext db, AuditTrail audit, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, db, audit, "tenant.suspended", tenant => tenant.Suspend(), cancellationToken);

    private static Task<Results<Ok<TenantDto>, ProblemHttpResult>> ReactivateAsync(
        Guid id, PatchHoundDbContext db, AuditTrail audit, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, db, audit, "tenant.reactivated", tenant => tenant.Reactivate(), cancellationToken);

    // A refused transition (e.g. suspending a suspended tenant) is a domain rule violation: 409 from the exception handler.
    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, PatchHoundDbContext db, AuditTrail audit, string action, Action<Tenant> change, CancellationToken cancellationToken)
    {
        var tenant = await OperatorTenants.EnterAsync(db, id, cancellationToken);
        if (tenant is null)
        {
            return OperatorTenants.NotFound();
        }

        var before = TenantDto.From(tenant);
        change(tenant);
        var after = TenantDto.From(tenant);
        audit.Record(action, EntityType, tenant.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static ProblemHttpResult SlugTaken(string slug) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Slug taken", detail: $"A tenant with slug '{slug}' already exists.");
}
