using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Approvals;
using PatchHound.Core.Audit;
using PatchHound.Core.Findings;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Expires pending approval requests past their deadline (<see cref="ApprovalRequest.Expire"/>), and reopens
/// risk-accepted findings whose acceptance lapsed (<see cref="Finding.ExpireRiskAcceptance"/>), each with an audit
/// entry. Every row is saved on its own under its xmin token, so each expiry happens once when workers race.
/// Notifications are pushed to their recipients (<see cref="IRealtimeEvents"/>) by the worker that wrote them.
/// </summary>
public sealed class ApprovalExpiry(
    PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> options, IRealtimeEvents realtime, ILogger<ApprovalExpiry> logger)
{
    public async Task<ApprovalExpiryResult> RunAsync(CancellationToken cancellationToken)
    {
        db.Tenant.RequireTenantId();
        var now = clock.GetUtcNow();
        var skipped = new List<Guid>();
        var expired = await ExpireRequestsAsync(now, skipped, cancellationToken);
        var (reopened, notified) = await ReopenFindingsAsync(now, skipped, cancellationToken);

        var result = new ApprovalExpiryResult(expired, reopened, notified, skipped.Count);
        if (expired + reopened + skipped.Count > 0)
        {
            logger.LogInformation("Approval expiry: {Result}", result);
        }

        return result;
    }

    private async Task<int> ExpireRequestsAsync(DateTimeOffset now, List<Guid> skipped, CancellationToken cancellationToken)
    {
        var expired = 0;
        List<ApprovalRequest> batch;
        do
        {
            // Expired requests drop out of the query; skipped ones are excluded so this run does not retry them.
            batch = await db.ApprovalRequests
                .Where(a => a.Status == ApprovalStatus.Pending && a.ExpiresAt <= now && !skipped.Contains(a.Id))
                .OrderBy(a => a.ExpiresAt)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var request in batch)
            {
                var before = Snapshot(request);
                request.Expire(now);
                Audit("approval_request.expired", nameof(ApprovalRequest), request.Id, before, Snapshot(request), now);
                var notification = new Notification(
                    request.TenantId,
                    request.RequestedByUserId,
                    NotificationKind.ApprovalExpired,
                    NotificationKeys.ApprovalExpired(request.Id),
                    SweepJson.Serialize(new
                    {
                        approvalRequestId = request.Id,
                        request.Kind,
                        request.FindingId,
                        request.VulnerabilityId,
                        request.ExpiresAt,
                    }),
                    now);
                db.Notifications.Add(notification);
                if (await db.TrySaveAsync(cancellationToken))
                {
                    expired++;
                    await realtime.NotificationCreatedAsync(notification, cancellationToken);
                }
                else
                {
                    skipped.Add(request.Id);
                }
            }

            db.ChangeTracker.Clear();
        }
        while (batch.Count == options.Value.BatchSize);

        return expired;
    }

    /// <summary>
    /// A risk-accepted finding opens again once no acceptance covering it (by finding, vulnerability or device) is
    /// active and at least one has lapsed (expired or revoked). The acceptance that lapsed last is notified to its
    /// requester, once (dedupe key), before its findings reopen, so a crash in between loses no notification.
    /// </summary>
    private async Task<(int Reopened, int Notified)> ReopenFindingsAsync(
        DateTimeOffset now, List<Guid> skipped, CancellationToken cancellationToken)
    {
        var lapsed = db.RiskAcceptances.Where(r => r.ExpiresAt <= now || r.RevokedAt <= now);
        var active = db.RiskAcceptances.Where(r => r.AcceptedAt <= now && r.ExpiresAt > now && (r.RevokedAt == null || r.RevokedAt > now));
        int reopened = 0, notified = 0, batchCount;
        do
        {
            var batch = await db.Findings
                .Where(f => f.Status == FindingStatus.RiskAccepted && !skipped.Contains(f.Id))
                .Where(f => !active.Any(r => r.FindingId == f.Id || r.VulnerabilityId == f.VulnerabilityId || r.DeviceId == f.DeviceId))
                .Select(f => new
                {
                    Finding = f,
                    Acceptance = lapsed
                        .Where(r => r.FindingId == f.Id || r.VulnerabilityId == f.VulnerabilityId || r.DeviceId == f.DeviceId)
                        .OrderByDescending(r => r.ExpiresAt)
                        .FirstOrDefault(),
                })
                .Where(x => x.Acceptance != null)
                .OrderBy(x => x.Finding.Id)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            batchCount = batch.Count;

            foreach (var acceptance in batch.Select(x => x.Acceptance!).DistinctBy(r => r.Id))
            {
                notified += await NotifyLapsedAsync(acceptance, now, cancellationToken) ? 1 : 0;
            }

            foreach (var (finding, acceptance) in batch.Select(x => (x.Finding, x.Acceptance!)))
            {
                finding.ExpireRiskAcceptance();
                Audit(
                    "finding.risk_acceptance_expired",
                    nameof(Finding),
                    finding.Id,
                    SweepJson.Serialize(new { Status = FindingStatus.RiskAccepted }),
                    SweepJson.Serialize(new { finding.Status, riskAcceptanceId = acceptance.Id }),
                    now);
                if (await db.TrySaveAsync(cancellationToken))
                {
                    reopened++;
                }
                else
                {
                    skipped.Add(finding.Id);
                }
            }

            db.ChangeTracker.Clear();
        }
        while (batchCount == options.Value.BatchSize);

        return (reopened, notified);
    }

    private async Task<bool> NotifyLapsedAsync(RiskAcceptance acceptance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requester = await db.ApprovalRequests
            .Where(a => a.Id == acceptance.ApprovalRequestId)
            .Select(a => (Guid?)a.RequestedByUserId)
            .SingleOrDefaultAsync(cancellationToken);
        var notification = new Notification(
            acceptance.TenantId,
            requester,
            NotificationKind.ApprovalExpired,
            NotificationKeys.RiskAcceptanceExpired(acceptance.Id),
            SweepJson.Serialize(new
            {
                riskAcceptanceId = acceptance.Id,
                acceptance.ApprovalRequestId,
                acceptance.Scope,
                acceptance.FindingId,
                acceptance.VulnerabilityId,
                acceptance.DeviceId,
                acceptance.ExpiresAt,
                acceptance.RevokedAt,
            }),
            now);
        if (!await NotificationSql.InsertIfAbsentAsync(db, notification, cancellationToken))
        {
            return false;
        }

        await realtime.NotificationCreatedAsync(notification, cancellationToken);
        return true;
    }

    private void Audit(string action, string entityType, Guid entityId, string before, string after, DateTimeOffset now) =>
        db.AuditLogEntries.Add(new AuditLogEntry(
            db.Tenant.RequireTenantId(), SweepActors.ApprovalExpiry, action, entityType, entityId.ToString(), before, after, now, correlationId: null));

    private static string Snapshot(ApprovalRequest request) =>
        SweepJson.Serialize(new { request.Status, request.DecidedAt });
}
