using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// Reconciles a run's staging rows into the live tables with a handful of set-based statements in one transaction:
/// devices upserted, unknown CVEs added to the catalog, findings inserted, observed or reopened, findings the run did
/// not see resolved, risk scores recomputed, staging deleted.
/// </summary>
/// <remarks>
/// Call it only for a complete run: every open finding of the source that the run did not stage is resolved, so a
/// partial run would resolve what it simply did not reach. A run without staging rows (already merged, or a merge
/// that another worker finished) returns <see cref="MergeResult.NothingToMerge"/> and touches nothing, so a
/// repeated merge is a no-op rather than "the source reported nothing, resolve everything".
/// </remarks>
public sealed class IngestionMerge(PatchHoundDbContext db, TimeProvider time, ILogger<IngestionMerge> logger)
{
    /// <summary>
    /// Merges run <paramref name="runId"/> of source <paramref name="sourceId"/> for the tenant in scope. Joins the
    /// caller's transaction when there is one (the caller commits, e.g. together with the run's counts); otherwise
    /// runs in a transaction of its own.
    /// </summary>
    public Task<MergeResult> MergeAsync(Guid runId, Guid sourceId, CancellationToken cancellationToken) =>
        MergeAsync(runId, sourceId, IngestionPullMode.Full, cancellationToken);

    /// <summary>
    /// Merges a run read as <paramref name="mode"/>: a full run resolves what it did not see; a delta resolves only
    /// what it reports Fixed and removes only the software versions it reports Fixed (ADR 0016).
    /// </summary>
    public async Task<MergeResult> MergeAsync(Guid runId, Guid sourceId, IngestionPullMode mode, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        if (db.Database.CurrentTransaction is not null)
        {
            return await MergeInTransactionAsync(tenantId, runId, sourceId, mode, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await MergeInTransactionAsync(tenantId, runId, sourceId, mode, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<MergeResult> MergeInTransactionAsync(
        Guid tenantId, Guid runId, Guid sourceId, IngestionPullMode mode, CancellationToken cancellationToken)
    {
        var delta = mode == IngestionPullMode.Delta;
        var sql = new IngestionSql((NpgsqlConnection)db.Database.GetDbConnection(), tenantId, runId)
        {
            SourceId = sourceId,
            Now = time.GetUtcNow(),
        };
        await sql.ExecuteAsync(MergeSql.LockSql, cancellationToken);
        var staged = await sql.CountsAsync(MergeSql.StagedCountsSql, cancellationToken);
        if (staged.All(count => count == 0))
        {
            logger.LogInformation("Run {RunId} has no staging rows: nothing to merge", runId);
            return MergeResult.NothingToMerge;
        }

        await sql.ExecuteAsync(MergeSql.ReplanSql, cancellationToken);
        await sql.ExecuteAsync(MergeSql.BulkPlanSql, cancellationToken);
        var devices = await sql.CountsAsync(MergeSql.UpsertDevicesSql, cancellationToken);
        var softwareUpserted = await sql.ExecuteAsync(MergeSql.UpsertSoftwareSql, cancellationToken);
        var softwareRemoved = delta ? 0 : await sql.ExecuteAsync(MergeSql.RemoveSoftwareSql, cancellationToken);
        var vulnerabilitiesAdded = (await sql.CountsAsync(MergeSql.AddVulnerabilitiesSql, cancellationToken))[0];
        await sql.ExecuteAsync(MergeSql.CreateSeenSql, cancellationToken);
        var seen = await sql.ExecuteAsync(MergeSql.FillSeenSql, cancellationToken);
        await sql.ExecuteAsync(MergeSql.IndexSeenSql, cancellationToken);
        await sql.ExecuteAsync(MergeSql.SelectivePlanSql, cancellationToken);
        var reopened = await sql.ExecuteAsync(MergeSql.ReopenSql, cancellationToken);
        await sql.ExecuteAsync(MergeSql.ObserveSql, cancellationToken);
        var resolved = await sql.ExecuteAsync(delta ? MergeSql.ResolveFixedSql : MergeSql.ResolveSql, cancellationToken);
        var added = (await sql.CountsAsync(MergeSql.InsertFindingsSql, cancellationToken))[0];
        if (delta)
        {
            softwareRemoved = await sql.ExecuteAsync(MergeSql.RemoveFixedSoftwareSql, cancellationToken);
        }

        await sql.ExecuteAsync(MergeSql.BulkPlanSql, cancellationToken);
        await sql.ExecuteAsync(MergeSql.RiskScoreSql, cancellationToken);
        var notListed = (await sql.CountsAsync(MergeSql.DevicesNotListedSql, cancellationToken))[0];
        await sql.ExecuteAsync(MergeSql.DeleteStagingSql, cancellationToken);

        var result = new MergeResult
        {
            DevicesAdded = devices[0],
            DevicesUpdated = devices[1],
            VulnerabilitiesAdded = vulnerabilitiesAdded,
            FindingsSeen = seen,
            FindingsWithoutDevice = staged[1] - seen,
            DevicesNotListed = notListed,
            FindingsNew = added,
            FindingsReopened = reopened,
            FindingsResolved = resolved,
            SoftwareUpserted = softwareUpserted,
            SoftwareRemoved = softwareRemoved,
        };
        logger.LogInformation(
            "Merged run {RunId}: {DevicesSeen} devices ({DevicesAdded} new), {FindingsSeen} findings ({FindingsNew} new, {FindingsReopened} reopened, {FindingsResolved} resolved, {FindingsWithoutDevice} without a device, {DevicesNotListed} export devices not in the machines listing), software {SoftwareUpserted} added or changed, {SoftwareRemoved} removed",
            runId, result.DevicesSeen, result.DevicesAdded, result.FindingsSeen, result.FindingsNew,
            result.FindingsReopened, result.FindingsResolved, result.FindingsWithoutDevice, result.DevicesNotListed, result.SoftwareUpserted, result.SoftwareRemoved);
        return result;
    }
}
