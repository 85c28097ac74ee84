using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Reads;
using PatchHound.Reads.Audit;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Audit;

/// <summary>The tenant's audit log, read-only, for TenantAdmins and Auditors.</summary>
internal static class AuditLogApi
{
    public static IEndpointRouteBuilder MapAuditLogApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapTenantGroup("/audit-log").AllowTenantRoles(WorkRoles.AuditReaders).WithTags("Audit log");
        audit.MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("Audit entries, newest first; filter by actor, action, entityType, entityId and time (from inclusive, to exclusive)");
        audit.MapGet("/export.csv", Export).WithName("ExportAuditLogCsv")
            .WithSummary("Every audit entry of the same filter as the list, as CSV, newest first");
        audit.MapGet("/{id:guid}", GetAsync).WithName("GetAuditEntry").WithSummary("One audit entry");
        return app;
    }

    private static async Task<Results<Ok<Page<AuditEntryDto>>, ValidationProblem>> ListAsync(
        string? actor, string? action, string? entityType, string? entityId, string? from, string? to,
        int? limit, string? cursor, AuditLogQueries queries, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = AuditLogFilter.Parse(actor, action, entityType, entityId, from, to, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var after = Cursor.Decode<KeysetPosition>(cursor);
        return TypedResults.Ok(await queries.PageAsync(filter, after, PageLimit.Of(limit), cancellationToken));
    }

    private static Results<CsvFileResult, ValidationProblem> Export(
        string? actor, string? action, string? entityType, string? entityId, string? from, string? to, AuditLogQueries queries)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = AuditLogFilter.Parse(actor, action, entityType, entityId, from, to, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return new CsvFileResult("audit-log.csv", AuditLogQueries.CsvHeader, queries.CsvRowsAsync(filter));
    }

    private static async Task<Results<Ok<AuditEntryDto>, ProblemHttpResult>> GetAsync(Guid id, AuditLogQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(entry) : WorkProblems.NotFound("audit entry");
}
