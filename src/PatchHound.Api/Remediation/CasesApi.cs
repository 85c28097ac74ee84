using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Reads.Cases;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Remediation;

/// <summary>Remediation cases: everyone in the tenant reads them; admins and analysts work them.</summary>
internal static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapTenantGroup("/cases").AllowTenantRoles(WorkRoles.Readers).WithTags("Remediation cases");
        cases.MapGet("/", ListAsync).WithName("ListCases")
            .WithSummary("Cases, newest first; filter by status, stage, assignee (a user id, \"me\" or \"none\")");
        cases.MapGet("/{id:guid}", GetAsync).WithName("GetCase").WithSummary("A case with its stage history and first comments");
        cases.MapPost("/", CreateAsync).AllowTenantRoles(WorkRoles.Workers).WithName("CreateCase").WithSummary("Open a case in triage");
        cases.MapCaseWorkflow();
        cases.MapCaseComments();
        return app;
    }

    private static async Task<Results<Ok<Page<CaseSummaryDto>>, ValidationProblem>> ListAsync(
        string? status, string? stage, string? assignee, int? limit, string? cursor,
        CaseQueries queries, CurrentCaller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = CaseFilter.Parse(status, stage, assignee, caller.UserId, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var after = Cursor.Decode<KeysetPosition>(cursor);
        return TypedResults.Ok(await queries.PageAsync(filter, after, PageLimit.Of(limit), cancellationToken));
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(Guid id, CaseQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } found ? TypedResults.Ok(found) : WorkProblems.NotFound("case");

    private static async Task<Results<Created<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        string tenant, CreateCaseRequest request, CaseCommands commands, CancellationToken cancellationToken) => (await commands.CreateAsync(request, cancellationToken))
            .ToHttp(created => TypedResults.Created($"/api/tenants/{tenant}/cases/{created.Id}", created));
}
