using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Work;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;

namespace PatchHound.Api.Remediation;

/// <summary>
/// Assigns a case to someone who can work on it: a TenantAdmin or Analyst of the case's tenant, not disabled.
/// The assignment, its audit entry and the assignee's notification commit together; the push follows.
/// </summary>
internal sealed class CaseAssignment(
    PatchHoundDbContext db, AuditTrail audit, CurrentCaller caller, TimeProvider clock, RealtimePublisher realtime)
{
    /// <summary>
    /// Memberships are tenant rows, so a user of another tenant is simply not found here: the caller learns
    /// nothing about who exists elsewhere.
    /// </summary>
    public async Task<bool> CanBeAssignedAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.TenantMemberships.AnyAsync(
            m => m.UserId == userId && (m.Role == TenantRole.TenantAdmin || m.Role == TenantRole.Analyst), cancellationToken)
        && await db.Users.AnyAsync(u => u.Id == userId && u.DisabledAt == null, cancellationToken);

    /// <summary>Assigning the current assignee again changes nothing and notifies no one.</summary>
    public async Task AssignAsync(RemediationCase remediationCase, Guid assigneeUserId, CancellationToken cancellationToken)
    {
        if (remediationCase.AssigneeUserId == assigneeUserId && remediationCase.Status != RemediationCaseStatus.Closed)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var before = CaseSnapshot.Of(remediationCase);
        remediationCase.Assign(assigneeUserId, now);
        audit.Record("remediation_case.assigned", nameof(RemediationCase), remediationCase.Id, before, CaseSnapshot.Of(remediationCase));
        var notification = new Notification(
            remediationCase.TenantId,
            assigneeUserId,
            NotificationKind.CaseAssigned,
            NotificationKeys.CaseAssigned(remediationCase.Id, Ids.New()),
            WorkJson.Serialize(new
            {
                caseId = remediationCase.Id,
                remediationCase.Title,
                remediationCase.VulnerabilityId,
                remediationCase.Stage,
                assignedBy = caller.Actor,
            }),
            now);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);

        await realtime.CaseAssignedAsync(remediationCase.TenantId, remediationCase.Id, assigneeUserId, notification, cancellationToken);
    }

    public async Task UnassignAsync(RemediationCase remediationCase, CancellationToken cancellationToken)
    {
        if (remediationCase.AssigneeUserId is null && remediationCase.Status != RemediationCaseStatus.Closed)
        {
            return;
        }

        var before = CaseSnapshot.Of(remediationCase);
        remediationCase.Unassign(clock.GetUtcNow());
        audit.Record("remediation_case.unassigned", nameof(RemediationCase), remediationCase.Id, before, CaseSnapshot.Of(remediationCase));
        await db.SaveChangesAsync(cancellationToken);
    }
}
