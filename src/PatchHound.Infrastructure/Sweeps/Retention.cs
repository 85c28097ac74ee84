using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Scanning;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Deletes the tenant's disposable history: read notifications, finished ingestion runs (their checkpoints follow
/// by ON DELETE CASCADE) and finished scan requests, each past its age in <see cref="RetentionOptions"/>, and staging
/// rows no merge will read (see <see cref="StagingRetention"/>). Deletes go
/// in batches of <see cref="RetentionOptions.BatchSize"/> rows, each its own statement and transaction, so a large
/// backlog never holds many locks at once. The audit log is append-only and never touched.
/// </summary>
public sealed class Retention(
    PatchHoundDbContext db, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<Retention> logger)
{
    // ctid = ANY(ARRAY(...)) lets PostgreSQL fetch the chosen rows by their physical address (a TID scan);
    // DELETE has no LIMIT of its own.
    private const string NotificationsSql = """
        DELETE FROM notifications WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM notifications
            WHERE tenant_id = @tenant AND read_at IS NOT NULL AND created_at < @cutoff
            LIMIT @batch))
        """;

    // A source's latest scheduled run is kept whatever its age: IngestionDispatch reads the last scheduled slot
    // from it, and without it would dispatch that slot again.
    private const string IngestionRunsSql = $"""
        DELETE FROM ingestion_runs WHERE ctid = ANY (ARRAY(
            SELECT r.ctid FROM ingestion_runs r
            WHERE r.tenant_id = @tenant
              AND r.status NOT IN ('{nameof(IngestionRunStatus.Queued)}', '{nameof(IngestionRunStatus.Running)}')
              AND r.finished_at < @cutoff
              AND (r.scheduled_slot IS NULL OR EXISTS (
                  SELECT 1 FROM ingestion_runs later
                  WHERE later.tenant_id = r.tenant_id AND later.source_id = r.source_id
                    AND later.scheduled_slot > r.scheduled_slot))
            LIMIT @batch))
        """;

    private const string ScanRequestsSql = $"""
        DELETE FROM scan_requests WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM scan_requests
            WHERE tenant_id = @tenant
              AND status IN ('{nameof(ScanRequestStatus.Completed)}', '{nameof(ScanRequestStatus.Failed)}')
              AND created_at < @cutoff
            LIMIT @batch))
        """;

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var now = clock.GetUtcNow();
        var retention = options.Value;

        var staging = new StagingRetention(db, retention.BatchSize);
        var discarded = await staging.DiscardDeadLetteredAsync(now, now.AddDays(-retention.DeadLetteredStagingDays), cancellationToken);
        var notifications = await DeleteAsync(NotificationsSql, now.AddDays(-retention.ReadNotificationDays));
        var runs = await DeleteAsync(IngestionRunsSql, now.AddDays(-retention.FinishedIngestionRunDays));
        var scanRequests = await DeleteAsync(ScanRequestsSql, now.AddDays(-retention.FinishedScanRequestDays));

        // Last, so that it also collects the staging rows of runs deleted just before.
        var stagedRows = await staging.DeleteUnmergeableAsync(cancellationToken);
        var result = new RetentionResult(notifications, runs, scanRequests, discarded, stagedRows);
        if (result != new RetentionResult(0, 0, 0))
        {
            logger.LogInformation("Retention deleted {Result}", result);
        }

        return result;

        async Task<int> DeleteAsync(string sql, DateTimeOffset cutoff)
        {
            var total = 0;
            int deleted;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                deleted = await db.Database.ExecuteSqlRawAsync(
                    sql,
                    [
                        new NpgsqlParameter("tenant", tenantId),
                        new NpgsqlParameter("cutoff", cutoff),
                        new NpgsqlParameter("batch", retention.BatchSize),
                    ],
                    cancellationToken);
                total += deleted;
            }
            while (deleted == retention.BatchSize);

            return total;
        }
    }
}
