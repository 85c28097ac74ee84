using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Cases;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Remediation;

/// <summary>Comments on a case, oldest first; written once, never edited.</summary>
internal static class CaseCommentsEndpoints
{
    public static void MapCaseComments(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/comments", ListAsync).WithName("ListCaseComments").WithSummary("A case's comments, oldest first");
        cases.MapGet("/{id:guid}/comments/{commentId:guid}", GetAsync).WithName("GetCaseComment").WithSummary("One comment of a case");
        cases.MapPost("/{id:guid}/comments", AddAsync).AllowTenantRoles(WorkRoles.Workers).WithName("AddCaseComment")
            .WithSummary("Add a comment to a case");
    }

    private static async Task<Results<Ok<Page<CaseCommentDto>>, ProblemHttpResult>> ListAsync(
        Guid id, int? limit, string? cursor, CaseQueries queries, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode<KeysetPosition>(cursor);
        if (!await queries.ExistsAsync(id, cancellationToken))
        {
            return WorkProblems.NotFound("case");
        }

        return TypedResults.Ok(await queries.CommentsAsync(id, PageLimit.Of(limit), after, cancellationToken));
    }

    private static async Task<Results<Ok<CaseCommentDto>, ProblemHttpResult>> GetAsync(
        Guid id, Guid commentId, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var comment = await db.CaseComments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && c.CaseId == id, cancellationToken);
        return comment is null ? WorkProblems.NotFound("comment") : TypedResults.Ok(CaseCommentDto.From(comment));
    }

    private static async Task<Results<Created<CaseCommentDto>, ProblemHttpResult, ValidationProblem>> AddAsync(
        string tenant, Guid id, AddCommentRequest request, CaseCommands commands, CancellationToken cancellationToken) =>
        (await commands.AddCommentAsync(id, request, cancellationToken))
            .ToHttp(comment => TypedResults.Created($"/api/tenants/{tenant}/cases/{id}/comments/{comment.Id}", comment));
}
