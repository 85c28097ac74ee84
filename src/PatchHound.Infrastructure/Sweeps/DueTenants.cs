using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Which active tenants each sweep has work for, read across tenants through <see cref="DueTenantFunctions"/> (the
/// audited platform path) in a scope with no tenant: ids only, one indexed query per sweep. The sweep's work then runs
/// per tenant, in that tenant's scope.
/// </summary>
public sealed class DueTenants(PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> options)
{
    public Task<IReadOnlyList<Guid>> WorkflowTimeoutsAsync(CancellationToken cancellationToken) =>
        QueryAsync(DueTenantFunctions.WorkflowTimeouts, cancellationToken, Now());

    public Task<IReadOnlyList<Guid>> ApprovalExpiryAsync(CancellationToken cancellationToken) =>
        QueryAsync(DueTenantFunctions.ApprovalExpiry, cancellationToken, Now());

    public Task<IReadOnlyList<Guid>> ScanSchedulerAsync(CancellationToken cancellationToken) =>
        QueryAsync(DueTenantFunctions.ScanScheduler, cancellationToken, Now());

    /// <summary>Sources with a due (or unknown) next slot, and runs stranded in the queue (<see cref="IngestionDispatch.StrandedAsync"/>).</summary>
    public Task<IReadOnlyList<Guid>> IngestionDispatchAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        return QueryAsync(DueTenantFunctions.IngestionDispatch, cancellationToken, now, now - options.Value.StrandedRunAfter);
    }

    public Task<IReadOnlyList<Guid>> SlaCheckAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        return QueryAsync(DueTenantFunctions.SlaCheck, cancellationToken, now, now.AddDays(options.Value.SlaDueSoonDays));
    }

    /// <summary>Tenants with pending AI remediation requests, or claims older than <paramref name="claimTimeout"/>.</summary>
    public Task<IReadOnlyList<Guid>> AiRemediationAsync(TimeSpan claimTimeout, CancellationToken cancellationToken) =>
        QueryAsync(DueTenantFunctions.AiRemediation, cancellationToken, Now() - claimTimeout);

    /// <summary>Every active tenant (the daily purge is due for each).</summary>
    public Task<IReadOnlyList<Guid>> RetentionAsync(CancellationToken cancellationToken) =>
        QueryAsync(DueTenantFunctions.Retention, cancellationToken);

    private DateTimeOffset Now() => clock.GetUtcNow();

    private async Task<IReadOnlyList<Guid>> QueryAsync(string function, CancellationToken cancellationToken, params DateTimeOffset[] arguments)
    {
        if (db.Tenant.HasTenant || db.Tenant.IsPlatformScope)
        {
            throw new Tenancy.TenantAccessException("Due tenants are read in a scope of their own, with no tenant in it.");
        }

        var parameters = arguments.Select((value, i) => new NpgsqlParameter($"p{i}", value)).ToArray();
        // The function name is one of DueTenantFunctions' constants; every value travels as a parameter.
        var sql = $"SELECT tenant_id AS \"Value\" FROM {function}({string.Join(", ", parameters.Select(p => "@" + p.ParameterName))})";
        return await db.Database.SqlQueryRaw<Guid>(sql, parameters).ToListAsync(cancellationToken);
    }
}
