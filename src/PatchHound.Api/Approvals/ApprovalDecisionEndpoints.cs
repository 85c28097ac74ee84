using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Approvals;

/// <summary>Approve or deny: TenantAdmin only, never the requester approving their own request.</summary>
internal static class ApprovalDecisionEndpoints
{
    public static void MapApprovalDecisions(this RouteGroupBuilder approvals)
    {
        approvals.MapPost("/{id:guid}/approve", ApproveAsync).AllowTenantRoles(WorkRoles.Approvers).WithName("ApproveApproval")
            .WithSummary("Approve a pending request; a risk acceptance is granted until acceptedUntil (If-Match: version, optional)");
        approvals.MapPost("/{id:guid}/deny", DenyAsync).AllowTenantRoles(WorkRoles.Approvers).WithName("DenyApproval")
            .WithSummary("Deny a pending request");
    }

    private static async Task<Results<Ok<ApprovalDto>, ProblemHttpResult, ValidationProblem>> ApproveAsync(
        Guid id, ApproveRequest? body, HttpRequest http, PatchHoundDbContext db, CurrentCaller caller, ApprovalDecisions decisions,
        CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } approver)
        {
            return WorkProblems.NeedsUser();
        }

        var request = await db.ApprovalRequests.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (request is null)
        {
            return WorkProblems.NotFound("approval request");
        }

        if (RowVersion.ExpectIfMatch(db, request, http) is { } invalidVersion)
        {
            return invalidVersion;
        }

        if (decisions.CheckAcceptedUntil(request, body?.AcceptedUntil) is { } why)
        {
            return FieldErrors.For("acceptedUntil", why);
        }

        if (request.RequestedByUserId == approver)
        {
            var refused = TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "The requester of an approval cannot approve it; another TenantAdmin must.");
            refused.ProblemDetails.Extensions["code"] = "approval.self_approval";
            return refused;
        }

        var acceptance = await decisions.ApproveAsync(request, approver, body?.Comment, body?.AcceptedUntil, cancellationToken);
        return TypedResults.Ok(ApprovalDto.From(request, acceptance?.Id, RowVersion.Of(db, request)));
    }

    private static async Task<Results<Ok<ApprovalDto>, ProblemHttpResult, ValidationProblem>> DenyAsync(
        Guid id, DenyRequest? body, HttpRequest http, PatchHoundDbContext db, CurrentCaller caller, ApprovalDecisions decisions,
        CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } approver)
        {
            return WorkProblems.NeedsUser();
        }

        var request = await db.ApprovalRequests.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (request is null)
        {
            return WorkProblems.NotFound("approval request");
        }

        if (RowVersion.ExpectIfMatch(db, request, http) is { } invalidVersion)
        {
            return invalidVersion;
        }

        await decisions.DenyAsync(request, approver, body?.Comment, cancellationToken);
        return TypedResults.Ok(ApprovalDto.From(request, null, RowVersion.Of(db, request)));
    }
}
