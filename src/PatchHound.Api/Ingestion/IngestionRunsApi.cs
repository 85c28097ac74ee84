using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.ApiKeys;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads.Ingestion;

namespace PatchHound.Api.Ingestion;

/// <summary>Tenant admins' view of a source's ingestion runs: trigger one, follow it, cancel it.</summary>
internal static class IngestionRunsApi
{
    public static IEndpointRouteBuilder MapIngestionRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapTenantGroup("/sources/{source:guid}/runs").AllowTenantRoles(TenantRole.TenantAdmin)
            .RequireApiKeyScope(ApiKeyScopes.IngestionTrigger).WithTags("Ingestion runs");
        runs.MapPost("/", TriggerAsync);
        runs.MapGet("/", ListAsync);
        runs.MapGet("/{id:guid}", GetAsync).WithName("GetIngestionRun");
        runs.MapPost("/{id:guid}/cancel", CancelAsync);
        return app;
    }

    private static async Task<Results<Accepted<IngestionRunDto>, ProblemHttpResult>> TriggerAsync(
        string tenant, Guid source, IngestionRunCommands commands, CancellationToken cancellationToken)
    {
        var change = await commands.TriggerAsync(source, cancellationToken);
        if (change.Outcome != IngestionRunOutcome.Done)
        {
            var problem = Problem(change.Problem(source, null));
            if (change.ActiveRunId is { } active)
            {
                problem.ProblemDetails.Extensions["activeRunId"] = active;
            }

            return problem;
        }

        return TypedResults.Accepted($"/api/tenants/{tenant}/sources/{source}/runs/{change.Run!.Id}", change.Run);
    }

    private static async Task<Results<Ok<List<IngestionRunDto>>, ProblemHttpResult>> ListAsync(
        Guid source, IngestionRunQueries queries, CancellationToken cancellationToken) =>
        await queries.HistoryAsync(source, cancellationToken) is { } runs
            ? TypedResults.Ok(runs)
            : Problem((StatusCodes.Status404NotFound, "Not found", "The source does not exist."));

    private static async Task<Results<Ok<IngestionRunDto>, ProblemHttpResult>> GetAsync(
        Guid source, Guid id, IngestionRunQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(source, id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : Problem((StatusCodes.Status404NotFound, "Not found", "The run does not exist."));

    private static async Task<Results<Ok<IngestionRunDto>, ProblemHttpResult>> CancelAsync(
        Guid source, Guid id, IngestionRunCommands commands, CancellationToken cancellationToken)
    {
        var change = await commands.CancelAsync(source, id, cancellationToken);
        return change.Outcome == IngestionRunOutcome.Done ? TypedResults.Ok(change.Run!) : Problem(change.Problem(source, id));
    }

    private static ProblemHttpResult Problem((int Status, string Title, string Detail) problem) =>
        TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);
}
