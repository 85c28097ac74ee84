using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Audit;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Escalates remediation cases whose triage or remediation stage is past due, through the domain
/// (<see cref="RemediationCase.EscalateIfOverdue"/>), with an audit entry and a notification to the assignee.
/// Each case is saved on its own under its xmin token, so a case is escalated once even when workers race:
/// the loser's whole change (stage, history, audit, notification) is rolled back. The winner pushes the notification
/// to the assignee (<see cref="IRealtimeEvents"/>) once it is committed.
/// </summary>
public sealed class WorkflowTimeouts(
    PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> options, IRealtimeEvents realtime, ILogger<WorkflowTimeouts> logger)
{
    public async Task<WorkflowTimeoutsResult> RunAsync(CancellationToken cancellationToken)
    {
        db.Tenant.RequireTenantId();
        var now = clock.GetUtcNow();
        var batchSize = options.Value.BatchSize;
        var escalatable = RemediationCase.EscalatableStages.ToList();
        var escalated = 0;
        var skipped = new List<Guid>();

        List<RemediationCase> batch;
        do
        {
            // Escalated cases drop out of the query; skipped ones are excluded so this run does not retry them.
            batch = await db.RemediationCases
                .Where(c => c.Status != RemediationCaseStatus.Closed && escalatable.Contains(c.Stage) && c.StageDueAt < now)
                .Where(c => !skipped.Contains(c.Id))
                .OrderBy(c => c.StageDueAt)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var remediationCase in batch)
            {
                if (await EscalateAsync(remediationCase, now, cancellationToken))
                {
                    escalated++;
                }
                else
                {
                    skipped.Add(remediationCase.Id);
                }
            }

            db.ChangeTracker.Clear();
        }
        while (batch.Count == batchSize);

        if (escalated + skipped.Count > 0)
        {
            logger.LogInformation("Escalated {Escalated} past-due cases; skipped {Skipped}", escalated, skipped.Count);
        }

        return new WorkflowTimeoutsResult(escalated, skipped.Count);
    }

    private async Task<bool> EscalateAsync(RemediationCase remediationCase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = Snapshot(remediationCase);
        if (!remediationCase.EscalateIfOverdue(now))
        {
            return false;
        }

        var change = remediationCase.StageChanges.Last();
        db.AuditLogEntries.Add(new AuditLogEntry(
            remediationCase.TenantId,
            SweepActors.WorkflowTimeouts,
            "remediation_case.escalated",
            nameof(RemediationCase),
            remediationCase.Id.ToString(),
            before,
            Snapshot(remediationCase),
            now,
            correlationId: null));
        var notification = new Notification(
            remediationCase.TenantId,
            remediationCase.AssigneeUserId,
            NotificationKind.CaseEscalated,
            NotificationKeys.CaseEscalated(remediationCase.Id, change.Id),
            SweepJson.Serialize(new
            {
                caseId = remediationCase.Id,
                remediationCase.Title,
                remediationCase.VulnerabilityId,
                change.FromStage,
                change.ToStage,
                change.Reason,
            }),
            now);
        db.Notifications.Add(notification);

        if (await db.TrySaveAsync(cancellationToken))
        {
            await realtime.NotificationCreatedAsync(notification, cancellationToken);
            return true;
        }

        logger.LogInformation(
            "Case {CaseId} changed while being escalated (another worker, or an edit); the next sweep looks again",
            remediationCase.Id);
        return false;
    }

    private static string Snapshot(RemediationCase c) =>
        SweepJson.Serialize(new { c.Stage, c.Status, c.StageDueAt, c.AssigneeUserId });
}
