using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Work;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Identity;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Reads.Approvals;

namespace PatchHound.Api.Approvals;

/// <summary>
/// Approves or denies a request. Approving a risk acceptance also grants the acceptance and marks the open
/// findings it covers RiskAccepted; the decision, the grant, the findings, their audit entries and the requester's
/// notification commit in one transaction, under the request's xmin version (a concurrent decision gets 409).
/// </summary>
internal sealed class ApprovalDecisions(
    PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, IOptions<ApprovalOptions> options, RealtimePublisher realtime,
    CurrentCaller caller)
{
    /// <summary>
    /// The approve command of the REST endpoint and the approvals pages: the caller (a signed-in TenantAdmin) approves
    /// the request, if it still has <paramref name="version"/> when one is given.
    /// </summary>
    public async Task<CommandResult<ApprovalDto>> ApproveAsync(Guid id, ApproveRequest body, uint? version, CancellationToken cancellationToken)
    {
        var approver = caller.UserId ?? throw new InvalidOperationException("Deciding needs a signed-in user.");
        if (await FindAsync(id, version, cancellationToken) is not { } request)
        {
            return CommandRefusal.NotFound("approval request");
        }

        if (CheckAcceptedUntil(request, body.AcceptedUntil) is { } why)
        {
            return CommandRefusal.Invalid("acceptedUntil", why);
        }

        if (request.RequestedByUserId == approver)
        {
            return new CommandRefusal(StatusCodes.Status403Forbidden, "Forbidden",
                "The requester of an approval cannot approve it; another TenantAdmin must.", Code: "approval.self_approval");
        }

        var acceptance = await ApproveAsync(request, approver, body.Comment, body.AcceptedUntil, cancellationToken);
        return ApprovalDto.From(request, acceptance?.Id, RowVersion.Of(db, request));
    }

    /// <summary>The deny command of the REST endpoint and the approvals pages.</summary>
    public async Task<CommandResult<ApprovalDto>> DenyAsync(Guid id, DenyRequest body, uint? version, CancellationToken cancellationToken)
    {
        var approver = caller.UserId ?? throw new InvalidOperationException("Deciding needs a signed-in user.");
        if (await FindAsync(id, version, cancellationToken) is not { } request)
        {
            return CommandRefusal.NotFound("approval request");
        }

        await DenyAsync(request, approver, body.Comment, cancellationToken);
        return ApprovalDto.From(request, null, RowVersion.Of(db, request));
    }

    private async Task<ApprovalRequest?> FindAsync(Guid id, uint? version, CancellationToken cancellationToken)
    {
        var request = await db.ApprovalRequests.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (request is not null)
        {
            RowVersion.Expect(db, request, version);
        }

        return request;
    }

    /// <summary>Null when the request's kind needs no end date or the given one is acceptable; else why not.</summary>
    public string? CheckAcceptedUntil(ApprovalRequest request, DateTimeOffset? acceptedUntil)
    {
        var now = clock.GetUtcNow();
        var max = options.Value.MaxAcceptanceDays;
        return request.Kind != ApprovalKind.RiskAcceptance || acceptedUntil is null ? null
            : acceptedUntil <= now ? "Must be in the future."
            : acceptedUntil > now.AddDays(max) ? $"A risk acceptance lasts at most {max} days."
            : null;
    }

    public async Task<RiskAcceptance?> ApproveAsync(
        ApprovalRequest request, Guid approverUserId, string? comment, DateTimeOffset? acceptedUntil, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = ApprovalSnapshot.Of(request);
        request.Approve(approverUserId, TenantRole.TenantAdmin, now, comment);
        audit.Record("approval_request.approved", nameof(ApprovalRequest), request.Id, before, ApprovalSnapshot.Of(request));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        RiskAcceptance? acceptance = null;
        if (request.Kind == ApprovalKind.RiskAcceptance)
        {
            acceptance = await GrantAsync(request, now, acceptedUntil ?? now.AddDays(options.Value.DefaultAcceptanceDays), cancellationToken);
        }

        var notification = Notify(request, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(notification, cancellationToken);
        return acceptance;
    }

    public async Task DenyAsync(ApprovalRequest request, Guid approverUserId, string? comment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = ApprovalSnapshot.Of(request);
        request.Deny(approverUserId, TenantRole.TenantAdmin, now, comment);
        audit.Record("approval_request.denied", nameof(ApprovalRequest), request.Id, before, ApprovalSnapshot.Of(request));
        var notification = Notify(request, now);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(notification, cancellationToken);
    }

    private async Task<RiskAcceptance> GrantAsync(
        ApprovalRequest request, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var acceptance = request.FindingId is { } findingId
            ? RiskAcceptance.ForFinding(request, findingId, now, until)
            : RiskAcceptance.ForVulnerability(request, request.VulnerabilityId!, now, until);
        db.RiskAcceptances.Add(acceptance);
        audit.Record("risk_acceptance.created", nameof(RiskAcceptance), acceptance.Id, null, RiskAcceptanceSnapshot.Of(acceptance));

        foreach (var accepted in await RiskAcceptedFindings.MarkAsync(db, acceptance, cancellationToken))
        {
            audit.Record("finding.risk_accepted", nameof(Finding), accepted,
                new { Status = nameof(FindingStatus.Open) },
                new { Status = nameof(FindingStatus.RiskAccepted), riskAcceptanceId = acceptance.Id });
        }

        return acceptance;
    }

    /// <summary>The requester hears of the decision, unless they made it themselves (denying their own request).</summary>
    private Notification? Notify(ApprovalRequest request, DateTimeOffset now)
    {
        if (request.DecidedByUserId == request.RequestedByUserId)
        {
            return null;
        }

        var notification = new Notification(
            request.TenantId,
            request.RequestedByUserId,
            NotificationKind.ApprovalDecided,
            NotificationKeys.ApprovalDecided(request.Id),
            WorkJson.Serialize(new { approvalRequestId = request.Id, request.Kind, request.Status, request.DecisionComment }),
            now);
        db.Notifications.Add(notification);
        return notification;
    }

    private async Task PublishAsync(Notification? notification, CancellationToken cancellationToken)
    {
        if (notification is not null)
        {
            await realtime.NotificationCreatedAsync(notification, cancellationToken);
        }
    }
}
