using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;
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

    public static async Task<Page<CaseCommentDto>> PageAsync(
        PatchHoundDbContext db, Guid caseId, int take, KeysetPosition? after, CancellationToken cancellationToken)
    {
        var query = db.CaseComments.AsNoTracking().Where(c => c.CaseId == caseId);
        if (after is not null)
        {
            query = query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        return KeysetPage.Of(rows, take, CaseCommentDto.From, c => new KeysetPosition(c.CreatedAt, c.Id));
    }

    private static async Task<Results<Ok<Page<CaseCommentDto>>, ProblemHttpResult>> ListAsync(
        Guid id, int? limit, string? cursor, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode<KeysetPosition>(cursor);
        if (!await db.RemediationCases.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return WorkProblems.NotFound("case");
        }

        return TypedResults.Ok(await PageAsync(db, id, PageLimit.Of(limit), after, cancellationToken));
    }

    private static async Task<Results<Ok<CaseCommentDto>, ProblemHttpResult>> GetAsync(
        Guid id, Guid commentId, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var comment = await db.CaseComments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && c.CaseId == id, cancellationToken);
        return comment is null ? WorkProblems.NotFound("comment") : TypedResults.Ok(CaseCommentDto.From(comment));
    }

    private static async Task<Results<Created<CaseCommentDto>, ProblemHttpResult>> AddAsync(
        string tenant, Guid id, AddCommentRequest request, PatchHoundDbContext db, AuditTrail audit, CurrentCaller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.RemediationCases.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return WorkProblems.NotFound("case");
        }

        var comment = new CaseComment(db.Tenant.RequireTenantId(), id, caller.Actor, request.Body!, clock.GetUtcNow());
        db.CaseComments.Add(comment);
        audit.Record("case_comment.added", nameof(CaseComment), comment.Id, null, new { comment.CaseId, comment.Author, comment.Body });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenant}/cases/{id}/comments/{comment.Id}", CaseCommentDto.From(comment));
    }
}
