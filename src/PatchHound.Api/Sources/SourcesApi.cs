using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Secrets;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Sources;

namespace PatchHound.Api.Sources;

/// <summary>
/// A tenant's vulnerability sources: tenant admins configure them, analysts and auditors read them. Credentials are
/// set apart (<see cref="SourceCredentialsApi"/>) and never read back.
/// </summary>
internal static class SourcesApi
{
    public const string EntityType = CredentialsSetTimes.EntityType;

    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapTenantGroup("/sources")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("Sources");
        sources.MapGet("/", ListAsync).WithName("ListSources").WithSummary("Sources by name, keyset-paged.");
        sources.MapGet("/{id:guid}", GetAsync).WithName("GetSource").WithSummary("One source; its credential only as hasCredentials.");
        sources.MapPost("/", CreateAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("CreateSource").WithSummary("Creates a source; set its credential with PUT .../credentials.");
        sources.MapPut("/{id:guid}", UpdateAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("UpdateSource").WithSummary("Replaces name, schedule, base URL, page size, full-run interval, pull mode and enabled.");
        sources.MapDelete("/{id:guid}", DeleteAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("DeleteSource").WithSummary("Deletes a source that never ingested (409 otherwise: disable it instead) and its secret.");
        SourceCredentialsApi.Map(sources);
        return app;
    }

    private static async Task<Ok<Page<SourceDto>>> ListAsync(SourceQueries queries, int? limit, string? cursor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.PageAsync(Cursor.Decode<SourceCursor>(cursor), PageLimit.Of(limit), cancellationToken));

    private static async Task<Results<Ok<SourceDto>, ProblemHttpResult>> GetAsync(Guid id, SourceQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } source ? TypedResults.Ok(source) : NotFound();

    private static async Task<Results<Created<SourceDto>, ProblemHttpResult>> CreateAsync(
        string tenant, CreateSourceRequest request, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var source = new SourceConfiguration(
            db.Tenant.RequireTenantId(), request.Kind!.Value, request.Name, request.CronSchedule, request.BaseUrl,
            credentialReference: null, clock.GetUtcNow(), request.PageSize ?? SourceConfiguration.DefaultPageSize);
        source.ChoosePullMode(request.PullMode ?? SourcePullMode.Full, request.FullRunIntervalDays, source.CreatedAt);
        if (request.Enabled == false)
        {
            source.Disable(source.CreatedAt);
        }

        db.SourceConfigurations.Add(source);
        audit.Record("source.created", EntityType, source.Id, null, SourceSnapshot.From(source));
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return NameTaken(source.Name);
        }

        return TypedResults.Created($"/api/tenants/{tenant}/sources/{source.Id}", SourceDto.From(source, null));
    }

    private static async Task<Results<Ok<SourceDto>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateSourceRequest request, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }

        var before = SourceSnapshot.From(source);
        var now = clock.GetUtcNow();
        source.Rename(request.Name, now);
        source.Reschedule(request.CronSchedule, now);
        source.Reconnect(request.BaseUrl, request.PageSize!.Value, source.CredentialReference, now);
        source.ChoosePullMode(request.PullMode ?? SourcePullMode.Full, request.FullRunIntervalDays, now);
        if (request.Enabled!.Value)
        {
            source.Enable(now);
        }
        else
        {
            source.Disable(now);
        }

        audit.Record("source.updated", EntityType, source.Id, before, SourceSnapshot.From(source));
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return NameTaken(source.Name);
        }

        return TypedResults.Ok(SourceDto.From(source, await CredentialsSetTimes.ForAsync(db, id, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, PatchHoundDbContext db, AuditTrail audit, [FromServices] ISecretStore? secrets, ILogger<SourceDto> logger,
        CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }

        db.SourceConfigurations.Remove(source);
        audit.Record("source.deleted", EntityType, source.Id, SourceSnapshot.From(source), null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // Runs, devices and findings keep pointing at the source they came from.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Source has ingested data",
                detail: "The source has ingestion runs, devices or findings, which keep referring to it. Disable it instead (PUT with enabled: false).");
        }

        await SourceCredentialsApi.ForgetSecretAsync(secrets, source.TenantId, source.Id, source.CredentialReference, logger, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<bool> TrySaveAsync(PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The source does not exist.");

    private static ProblemHttpResult NameTaken(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: $"The tenant already has a source named '{name}'.");
}
