using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Core.Ai;
using PatchHound.Core.Common;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Ai;

/// <summary>
/// Status changes of AI remediation requests as single conditional UPDATEs on the scope's tenant, so that two
/// workers (or two deliveries of one job) can never both hold, answer or release the same request.
/// </summary>
public sealed class AiRemediationClaims(PatchHoundDbContext db, IOptions<AiOptions> options, TimeProvider time)
{
    private const string Pending = nameof(AiRemediationStatus.Pending);
    private const string Claimed = nameof(AiRemediationStatus.Claimed);
    private const string Completed = nameof(AiRemediationStatus.Completed);
    private const string Failed = nameof(AiRemediationStatus.Failed);

    /// <summary>Claims this pending request; null when it is not pending (another worker has it, or it is done).</summary>
    public async Task<AiClaim?> ClaimAsync(Guid requestId, string worker, CancellationToken cancellationToken)
    {
        ValidateWorker(worker);
        var tenantId = db.Tenant.RequireTenantId();
        var now = time.GetUtcNow();
        return await ClaimWhereAsync(
            db.AiRemediationRequests.FromSqlInterpolated($"""
                UPDATE ai_remediation_requests
                SET status = {Claimed}, claimed_by = {worker}, claimed_at = {now}, attempts = attempts + 1
                WHERE tenant_id = {tenantId} AND id = {requestId} AND status = {Pending}
                RETURNING *
                """),
            cancellationToken);
    }

    /// <summary>Claims the oldest pending request that no other worker is claiming right now; null when none is left.</summary>
    public async Task<AiClaim?> ClaimNextAsync(string worker, CancellationToken cancellationToken)
    {
        ValidateWorker(worker);
        var tenantId = db.Tenant.RequireTenantId();
        var now = time.GetUtcNow();
        return await ClaimWhereAsync(
            db.AiRemediationRequests.FromSqlInterpolated($"""
                UPDATE ai_remediation_requests
                SET status = {Claimed}, claimed_by = {worker}, claimed_at = {now}, attempts = attempts + 1
                WHERE tenant_id = {tenantId} AND status = {Pending} AND id = (
                    SELECT id FROM ai_remediation_requests
                    WHERE tenant_id = {tenantId} AND status = {Pending}
                    ORDER BY created_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """),
            cancellationToken);
    }

    /// <summary>
    /// Takes back claims older than <paramref name="claimTimeout"/>, whose worker is presumed dead: back to pending,
    /// or failed once <see cref="AiOptions.MaxAttempts"/> is spent, so a request that kills its worker cannot loop.
    /// </summary>
    public async Task<AiStaleClaims> ReleaseStaleClaimsAsync(TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var cutoff = now - claimTimeout;
        var maxAttempts = options.Value.MaxAttempts;
        var failed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE ai_remediation_requests
            SET status = {Failed}, completed_at = {now},
                error = 'Gave up on attempt ' || attempts || ': its claim expired without an answer.'
            WHERE tenant_id = {tenantId} AND status = {Claimed} AND claimed_at < {cutoff} AND attempts >= {maxAttempts}
            """,
            cancellationToken);
        var released = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE ai_remediation_requests
            SET status = {Pending}, claimed_by = NULL, claimed_at = NULL
            WHERE tenant_id = {tenantId} AND status = {Claimed} AND claimed_at < {cutoff}
            """,
            cancellationToken);
        return new AiStaleClaims(released, failed);
    }

    /// <summary>Stores the answer; false when the claim was lost (released and perhaps taken by another worker).</summary>
    public async Task<bool> CompleteAsync(AiClaim claim, string result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(result);
        var tenantId = db.Tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var updated = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE ai_remediation_requests
            SET status = {Completed}, result = {result.Trim()}, error = NULL, completed_at = {now}
            WHERE tenant_id = {tenantId} AND id = {claim.RequestId}
              AND status = {Claimed} AND claimed_by = {claim.Worker} AND attempts = {claim.Attempt}
            """,
            cancellationToken);
        return updated == 1;
    }

    /// <summary>Records a final failure; false when the claim was lost.</summary>
    public async Task<bool> FailAsync(AiClaim claim, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        var tenantId = db.Tenant.RequireTenantId();
        var now = time.GetUtcNow();
        var stored = error.Trim();
        stored = stored.Length <= Limits.LongText ? stored : stored[..Limits.LongText];
        var updated = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE ai_remediation_requests
            SET status = {Failed}, error = {stored}, completed_at = {now}
            WHERE tenant_id = {tenantId} AND id = {claim.RequestId}
              AND status = {Claimed} AND claimed_by = {claim.Worker} AND attempts = {claim.Attempt}
            """,
            cancellationToken);
        return updated == 1;
    }

    /// <summary>Gives the request back to pending so that it is tried again; false when the claim was lost.</summary>
    public async Task<bool> ReleaseAsync(AiClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var tenantId = db.Tenant.RequireTenantId();
        var updated = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE ai_remediation_requests
            SET status = {Pending}, claimed_by = NULL, claimed_at = NULL
            WHERE tenant_id = {tenantId} AND id = {claim.RequestId}
              AND status = {Claimed} AND claimed_by = {claim.Worker} AND attempts = {claim.Attempt}
            """,
            cancellationToken);
        return updated == 1;
    }

    // The SQL names its tenant itself (and row-level security applies); EF cannot wrap an UPDATE in the
    // tenant filter's subquery, so the filter is skipped here and only here.
    private static async Task<AiClaim?> ClaimWhereAsync(IQueryable<AiRemediationRequest> update, CancellationToken cancellationToken)
    {
        var rows = await update.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().ToListAsync(cancellationToken);
        return rows.SingleOrDefault() is { } row
            ? new AiClaim(row.Id, row.ClaimedBy!, row.Attempts, row.ClaimedAt!.Value, row.Prompt, row.VulnerabilityId)
            : null;
    }

    private static void ValidateWorker(string worker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        if (worker.Length > Limits.Actor)
        {
            throw new ArgumentException($"A worker name has at most {Limits.Actor} characters.", nameof(worker));
        }
    }
}
