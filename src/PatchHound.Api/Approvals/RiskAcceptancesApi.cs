using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Reads.Approvals;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Approvals;

/// <summary>
/// Granted risk acceptances: everyone reads them, a TenantAdmin revokes one. Revoking only ends the acceptance;
/// the approval-expiry sweep reopens the findings it covered once nothing else covers them.
/// </summary>
internal static class RiskAcceptancesApi
{
    public static IEndpointRouteBuilder MapRiskAcceptancesApi(this IEndpointRouteBuilder app)
    {
        var acceptances = app.MapTenantGroup("/risk-acceptances").AllowTenantRoles(WorkRoles.Readers).WithTags("Risk acceptances");
        acceptances.MapGet("/", ListAsync).WithName("ListRiskAcceptances")
            .WithSummary("Risk acceptances, newest first; filter by state (Active, Expired, Revoked) and expiresWithin (days); sort=expiresAt for the soonest end first");
        acceptances.MapGet("/{id:guid}", GetAsync).WithName("GetRiskAcceptance").WithSummary("One risk acceptance");
        acceptances.MapPost("/{id:guid}/revoke", RevokeAsync).AllowTenantRoles(WorkRoles.Approvers).WithName("RevokeRiskAcceptance")
            .WithSummary("End an active risk acceptance now, with an optional reason; revoking a revoked one changes nothing");
        return app;
    }

    private static async Task<Results<Ok<Page<RiskAcceptanceDto>>, ValidationProblem>> ListAsync(
        string? state, string? expiresWithin, string? sort, int? limit, string? cursor, RiskAcceptanceQueries queries, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = RiskAcceptanceFilter.Parse(state, expiresWithin, sort, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await queries.PageAsync(filter, clock.GetUtcNow(), Cursor.Decode<KeysetPosition>(cursor), PageLimit.Of(limit), cancellationToken));
    }

    private static async Task<Results<Ok<RiskAcceptanceDto>, ProblemHttpResult>> GetAsync(
        Guid id, RiskAcceptanceQueries queries, TimeProvider clock, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, clock.GetUtcNow(), cancellationToken) is { } acceptance
            ? TypedResults.Ok(acceptance)
            : WorkProblems.NotFound("risk acceptance");

    private static async Task<Results<Ok<RiskAcceptanceDto>, ProblemHttpResult, ValidationProblem>> RevokeAsync(
        Guid id, RevokeRequest? body, RiskAcceptanceRevocation revocation, CancellationToken cancellationToken) =>
        (await revocation.RevokeAsync(id, body ?? new RevokeRequest(null), cancellationToken)).ToHttp(TypedResults.Ok);
}
