using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Reads.Cases;

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
        Guid id, AssignCaseRequest request, HttpRequest http, CaseCommands commands, CancellationToken cancellationToken)
    {
        if (RowVersion.ParseIfMatch(http, out var version) is { } invalidVersion)
        {
            return invalidVersion;
        }

        return (await commands.AssignAsync(id, request.AssigneeUserId!.Value, version, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> UnassignAsync(
        Guid id, HttpRequest http, CaseCommands commands, CancellationToken cancellationToken)
    {
        if (RowVersion.ParseIfMatch(http, out var version) is { } invalidVersion)
        {
            return invalidVersion;
        }

        return (await commands.UnassignAsync(id, version, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> MoveAsync(
        Guid id, MoveCaseRequest request, HttpRequest http, CaseCommands commands, CancellationToken cancellationToken)
    {
        if (RowVersion.ParseIfMatch(http, out var version) is { } invalidVersion)
        {
            return invalidVersion;
        }

        return (await commands.MoveAsync(id, request, version, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<CaseSummaryDto>, ProblemHttpResult, ValidationProblem>> CloseAsync(
        Guid id, HttpRequest http, CaseCommands commands, CancellationToken cancellationToken)
    {
        if (RowVersion.ParseIfMatch(http, out var version) is { } invalidVersion)
        {
            return invalidVersion;
        }

        return (await commands.CloseAsync(id, version, cancellationToken)).ToHttp(TypedResults.Ok);
    }
}
