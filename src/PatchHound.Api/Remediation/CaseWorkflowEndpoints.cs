using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Remediation;

/// <summary>
/// Changes to a case: assignee, workflow stage, closing. Each is saved under the case's xmin version, so of two
/// concurrent changes one answers 409 rather than silently overwriting the other.
/// </summary>
internal static class CaseWorkflowEndpoints
{
    public static void MapCaseWorkflow(this RouteGroupBuilder cases)
    {
        cases.MapPut("/{id:guid}/assignee", AssignAsync).AllowTenantRoles(WorkRoles.Workers).WithName("AssignCase")
            .WithSummary("Assign the case to a TenantAdmin or Analyst of the tenant (If-Match: version, optional)");
        cases.MapDelete("/{id:guid}/assignee", UnassignAsync).AllowTenantRoles(WorkRoles.Workers).WithName("UnassignCase")
            .WithSummary("Remove the case's assignee");
        cases.MapPost("/{id:guid}/stage", MoveAsync).AllowTenantRoles(WorkRoles.Workers).WithName("MoveCase")
            .WithSummary("Move the case to another workflow stage; moves the workflow does not allow answer 409");
        cases.MapPost("/{id:guid}/close", CloseAsync).AllowTenantRoles(WorkRoles.Workers).WithName("CloseCase")
            .WithSummary("Close a resolved case (stage Done); a closed case no longer changes");
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> AssignAsync(
        Guid id, AssignCaseRequest request, HttpRequest http, PatchHoundDbContext db, CaseAssignment assignment,
        CancellationToken cancellationToken)
    {
        var remediationCase = await db.RemediationCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (remediationCase is null)
        {
            return WorkProblems.NotFound("case");
        }

        if (RowVersion.ExpectIfMatch(db, remediationCase, http) is { } invalidVersion)
        {
            return invalidVersion;
        }

        var assignee = request.AssigneeUserId!.Value;
        if (!await assignment.CanBeAssignedAsync(assignee, cancellationToken))
        {
            return FieldErrors.For("assigneeUserId", "No TenantAdmin or Analyst of this tenant has this id.");
        }

        await assignment.AssignAsync(remediationCase, assignee, cancellationToken);
        return TypedResults.Ok(CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase)));
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> UnassignAsync(
        Guid id, HttpRequest http, PatchHoundDbContext db, CaseAssignment assignment, CancellationToken cancellationToken)
    {
        var remediationCase = await db.RemediationCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (remediationCase is null)
        {
            return WorkProblems.NotFound("case");
        }

        if (RowVersion.ExpectIfMatch(db, remediationCase, http) is { } invalidVersion)
        {
            return invalidVersion;
        }

        await assignment.UnassignAsync(remediationCase, cancellationToken);
        return TypedResults.Ok(CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase)));
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> MoveAsync(
        Guid id, MoveCaseRequest request, HttpRequest http, PatchHoundDbContext db, AuditTrail audit, CurrentCaller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.DueAt is { } due && due <= now)
        {
            return FieldErrors.For("dueAt", "Must be in the future.");
        }

        var remediationCase = await db.RemediationCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (remediationCase is null)
        {
            return WorkProblems.NotFound("case");
        }

        if (RowVersion.ExpectIfMatch(db, remediationCase, http) is { } invalidVersion)
        {
            return invalidVersion;
        }

        var before = CaseSnapshot.Of(remediationCase);
        var change = remediationCase.MoveTo(request.Stage!.Value, now, request.DueAt, caller.Actor, request.Reason);
        audit.Record("remediation_case.stage_changed", nameof(RemediationCase), remediationCase.Id, before,
            new { Case = CaseSnapshot.Of(remediationCase), StageChangeId = change.Id, change.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase)));
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> CloseAsync(
        Guid id, HttpRequest http, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var remediationCase = await db.RemediationCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (remediationCase is null)
        {
            return WorkProblems.NotFound("case");
        }

        if (RowVersion.ExpectIfMatch(db, remediationCase, http) is { } invalidVersion)
        {
            return invalidVersion;
        }

        var before = CaseSnapshot.Of(remediationCase);
        remediationCase.Close(clock.GetUtcNow());
        audit.Record("remediation_case.closed", nameof(RemediationCase), remediationCase.Id, before, CaseSnapshot.Of(remediationCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase)));
    }
}
