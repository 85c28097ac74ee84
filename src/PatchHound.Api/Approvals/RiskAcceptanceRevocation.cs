using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Work;
using PatchHound.Core.Approvals;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Approvals;

namespace PatchHound.Api.Approvals;

/// <summary>
/// The revoke command of the REST endpoint and the risk acceptances page. A conditional UPDATE decides who revokes:
/// of two concurrent revocations one changes the row and writes the audit entry (with the reason), the other finds
/// it revoked and changes nothing. Revoking only ends the acceptance; the approval-expiry sweep reopens the findings.
/// </summary>
internal sealed class RiskAcceptanceRevocation(PatchHoundDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<CommandResult<RiskAcceptanceDto>> RevokeAsync(Guid id, RevokeRequest body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var acceptance = await db.RiskAcceptances.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (acceptance is null)
        {
            return CommandRefusal.NotFound("risk acceptance");
        }

        if (acceptance.RevokedAt is null && acceptance.ExpiresAt <= now)
        {
            return new CommandRefusal(StatusCodes.Status409Conflict, "Already expired",
                $"This risk acceptance ended at {acceptance.ExpiresAt:O}; there is nothing to revoke.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.RiskAcceptances
            .Where(r => r.Id == id && r.RevokedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.RevokedAt, now), cancellationToken);
        if (revoked == 1)
        {
            var before = RiskAcceptanceSnapshot.Of(acceptance);
            acceptance.Revoke(now);
            var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
            audit.Record("risk_acceptance.revoked", nameof(RiskAcceptance), acceptance.Id, before, RiskAcceptanceSnapshot.Revoked(acceptance, reason));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var current = await db.RiskAcceptances.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return RiskAcceptanceDto.From(current, now);
    }
}
