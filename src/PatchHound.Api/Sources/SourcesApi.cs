using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
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

    private static async Task<Results<Created<SourceDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        string tenant, CreateSourceRequest request, SourceCommands commands, CancellationToken cancellationToken) =>
        (await commands.CreateAsync(request, cancellationToken))
            .ToHttp(created => TypedResults.Created($"/api/tenants/{tenant}/sources/{created.Id}", created));

    private static async Task<Results<Ok<SourceDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        Guid id, UpdateSourceRequest request, SourceCommands commands, CancellationToken cancellationToken) =>
        (await commands.UpdateAsync(id, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteAsync(
        Guid id, SourceCommands commands, CancellationToken cancellationToken) =>
        (await commands.DeleteAsync(id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The source does not exist.");
}
