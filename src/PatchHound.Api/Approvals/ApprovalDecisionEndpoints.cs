using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Reads.Approvals;

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
        Guid id, ApproveRequest? body, HttpRequest http, CurrentCaller caller, ApprovalDecisions decisions, CancellationToken cancellationToken)
    {
        if (caller.UserId is null)
        {
            return WorkProblems.NeedsUser();
        }

        if (RowVersion.ParseIfMatch(http, out var version) is { } invalidVersion)
        {
            return invalidVersion;
        }

        var result = await decisions.ApproveAsync(id, body ?? new ApproveRequest(null, null), version, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<ApprovalDto>, ProblemHttpResult, ValidationProblem>> DenyAsync(
        Guid id, DenyRequest? body, HttpRequest http, CurrentCaller caller, ApprovalDecisions decisions, CancellationToken cancellationToken)
    {
        if (caller.UserId is null)
        {
            return WorkProblems.NeedsUser();
        }

        if (RowVersion.ParseIfMatch(http, out var version) is { } invalidVersion)
        {
            return invalidVersion;
        }

        var result = await decisions.DenyAsync(id, body ?? new DenyRequest(null), version, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
