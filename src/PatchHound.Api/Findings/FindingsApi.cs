using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads;
using PatchHound.Reads.Findings;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Findings;

/// <summary>The tenant's findings: filtered, sorted, keyset-paged list; detail; streamed CSV export. Every role reads.</summary>
internal static class FindingsApi
{
    public static readonly SortOrder<FindingSortKey> DefaultSort = FindingSorts.Default;

    public static IEndpointRouteBuilder MapFindingsApi(this IEndpointRouteBuilder app)
    {
        var findings = app.MapTenantGroup("/findings")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("Findings");
        findings.MapGet("/", ListAsync).WithName("ListFindings")
            .WithSummary("Findings, filtered and sorted (sort=dueAt|firstSeen|severity|epss, - for descending; default dueAt), one keyset page at a time.");
        findings.MapGet("/export.csv", Export).WithName("ExportFindingsCsv")
            .WithSummary("Every finding matching the list's filters, in the list's order, as a streamed CSV download.");
        findings.MapGet("/{id:guid}", GetAsync).WithName("GetFinding")
            .WithSummary("One finding with its device and vulnerability.");
        return app;
    }

    private static async Task<Results<Ok<Page<FindingDto>>, ValidationProblem>> ListAsync(
        [AsParameters] FindingFilterParameters filters, string? sort, int? limit, string? cursor, FindingQueries queries,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = FindingFilter.Parse(filters, errors);
        var order = QueryValues.Sort(sort, DefaultSort, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await queries.PageAsync(filter, order, Cursor.Decode<FindingCursor>(cursor), PageLimit.Of(limit), cancellationToken);
        return TypedResults.Ok(page);
    }

    private static Results<CsvFileResult, ValidationProblem> Export(
        [AsParameters] FindingFilterParameters filters, string? sort, FindingQueries queries, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = FindingFilter.Parse(filters, errors);
        var order = QueryValues.Sort(sort, DefaultSort, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var fileName = $"findings-{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv";
        var lines = queries.StreamAsync(filter, order).Select(FindingsCsv.Fields);
        return new CsvFileResult(fileName, FindingsCsv.Header, lines);
    }

    private static async Task<Results<Ok<FindingDetailDto>, ProblemHttpResult>> GetAsync(
        Guid id, FindingQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } finding
            ? TypedResults.Ok(finding)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The finding does not exist.");
}
