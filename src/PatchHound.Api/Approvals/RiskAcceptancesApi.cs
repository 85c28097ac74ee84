using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Core.Approvals;
using PatchHound.Infrastructure.Persistence;
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
            .WithSummary("Risk acceptances, newest first; filter by state (Active, Expired, Revoked)");
        acceptances.MapGet("/{id:guid}", GetAsync).WithName("GetRiskAcceptance").WithSummary("One risk acceptance");
        acceptances.MapPost("/{id:guid}/revoke", RevokeAsync).AllowTenantRoles(WorkRoles.Approvers).WithName("RevokeRiskAcceptance")
            .WithSummary("End an active risk acceptance now; revoking a revoked one changes nothing");
        return app;
    }

    private static async Task<Results<Ok<Page<RiskAcceptanceDto>>, ValidationProblem>> ListAsync(
        string? state, int? limit, string? cursor, PatchHoundDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseEnum<RiskAcceptanceState>(state, out var stateFilter))
        {
            return FieldErrors.For(nameof(state), QueryValues.Names<RiskAcceptanceState>());
        }

        var now = clock.GetUtcNow();
        var query = db.RiskAcceptances.AsNoTracking();
        query = stateFilter switch
        {
            RiskAcceptanceState.Active => query.Where(r => r.RevokedAt == null && r.ExpiresAt > now),
            RiskAcceptanceState.Expired => query.Where(r => r.RevokedAt == null && r.ExpiresAt <= now),
            RiskAcceptanceState.Revoked => query.Where(r => r.RevokedAt != null),
            _ => query,
        };
        if (Cursor.Decode<KeysetPosition>(cursor) is { } after)
        {
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.AcceptedAt, r.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var take = PageLimit.Of(limit);
        var rows = await query.OrderByDescending(r => r.AcceptedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(KeysetPage.Of(rows, take, r => RiskAcceptanceDto.From(r, now), r => new KeysetPosition(r.AcceptedAt, r.Id)));
    }

    private static async Task<Results<Ok<RiskAcceptanceDto>, ProblemHttpResult>> GetAsync(
        Guid id, PatchHoundDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var acceptance = await db.RiskAcceptances.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return acceptance is null ? WorkProblems.NotFound("risk acceptance") : TypedResults.Ok(RiskAcceptanceDto.From(acceptance, clock.GetUtcNow()));
    }

    /// <summary>
    /// A conditional UPDATE decides who revokes: of two concurrent revocations one changes the row and writes the
    /// audit entry, the other finds it revoked and changes nothing.
    /// </summary>
    private static async Task<Results<Ok<RiskAcceptanceDto>, ProblemHttpResult>> RevokeAsync(
        Guid id, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var acceptance = await db.RiskAcceptances.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (acceptance is null)
        {
            return WorkProblems.NotFound("risk acceptance");
        }

        if (acceptance.RevokedAt is null && acceptance.ExpiresAt <= now)
        {
            return WorkProblems.Conflict("Already expired", $"This risk acceptance ended at {acceptance.ExpiresAt:O}; there is nothing to revoke.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.RiskAcceptances
            .Where(r => r.Id == id && r.RevokedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.RevokedAt, now), cancellationToken);
        if (revoked == 1)
        {
            var before = RiskAcceptanceSnapshot.Of(acceptance);
            acceptance.Revoke(now);
            audit.Record("risk_acceptance.revoked", nameof(RiskAcceptance), acceptance.Id, before, RiskAcceptanceSnapshot.Of(acceptance));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var current = await db.RiskAcceptances.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(RiskAcceptanceDto.From(current, now));
    }
}
