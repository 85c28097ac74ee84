using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Work;
using PatchHound.Core.Remediation;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Cases;

namespace PatchHound.Api.Remediation;

/// <summary>
/// The writes on remediation cases, called by the REST endpoints and the web UI's pages alike. Requests arrive
/// validated (DataAnnotations); a change that names a version is saved only if the case still has it, and every
/// change is saved with its audit entry in one transaction.
/// </summary>
internal sealed class CaseCommands(
    PatchHoundDbContext db, AuditTrail audit, CurrentCaller caller, TimeProvider clock, CaseAssignment assignment)
{
    public async Task<CommandResult<CaseSummaryDto>> CreateAsync(CreateCaseRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string? vulnerabilityId = null;
        if (!string.IsNullOrWhiteSpace(request.VulnerabilityId))
        {
            vulnerabilityId = request.VulnerabilityId.Trim().ToUpperInvariant();
            if (!CveId.IsValid(vulnerabilityId))
            {
                return CommandRefusal.Invalid("vulnerabilityId", "A CVE id, e.g. CVE-2024-3400.");
            }

            if (!await db.Vulnerabilities.AnyAsync(v => v.Id == vulnerabilityId, cancellationToken))
            {
                return CommandRefusal.Invalid("vulnerabilityId", "This CVE is not in the vulnerability catalog.");
            }
        }

        if (request.TriageDueAt is { } due && due <= now)
        {
            return CommandRefusal.Invalid("triageDueAt", "Must be in the future.");
        }

        var remediationCase = new RemediationCase(
            db.Tenant.RequireTenantId(), request.Title!, vulnerabilityId, request.FindingGroupKey, now, request.TriageDueAt);
        db.RemediationCases.Add(remediationCase);
        audit.Record("remediation_case.created", nameof(RemediationCase), remediationCase.Id, null, CaseSnapshot.Of(remediationCase));
        await db.SaveChangesAsync(cancellationToken);
        return Summary(remediationCase);
    }

    public async Task<CommandResult<CaseCommentDto>> AddCommentAsync(Guid caseId, AddCommentRequest request, CancellationToken cancellationToken)
    {
        if (!await db.RemediationCases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return CommandRefusal.NotFound("case");
        }

        var comment = new CaseComment(db.Tenant.RequireTenantId(), caseId, caller.Actor, request.Body!, clock.GetUtcNow());
        db.CaseComments.Add(comment);
        audit.Record("case_comment.added", nameof(CaseComment), comment.Id, null, new { comment.CaseId, comment.Author, comment.Body });
        await db.SaveChangesAsync(cancellationToken);
        return CaseCommentDto.From(comment);
    }

    public async Task<CommandResult<CaseSummaryDto>> AssignAsync(Guid caseId, Guid assigneeUserId, uint? version, CancellationToken cancellationToken)
    {
        if (await FindAsync(caseId, version, cancellationToken) is not { } remediationCase)
        {
            return CommandRefusal.NotFound("case");
        }

        if (!await assignment.CanBeAssignedAsync(assigneeUserId, cancellationToken))
        {
            return CommandRefusal.Invalid("assigneeUserId", "No TenantAdmin or Analyst of this tenant has this id.");
        }

        await assignment.AssignAsync(remediationCase, assigneeUserId, cancellationToken);
        return Summary(remediationCase);
    }

    public async Task<CommandResult<CaseSummaryDto>> UnassignAsync(Guid caseId, uint? version, CancellationToken cancellationToken)
    {
        if (await FindAsync(caseId, version, cancellationToken) is not { } remediationCase)
        {
            return CommandRefusal.NotFound("case");
        }

        await assignment.UnassignAsync(remediationCase, cancellationToken);
        return Summary(remediationCase);
    }

    /// <summary>Moves the workflow does not allow throw the domain's rule violation (409, or the page's message).</summary>
    public async Task<CommandResult<CaseSummaryDto>> MoveAsync(Guid caseId, MoveCaseRequest request, uint? version, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.DueAt is { } due && due <= now)
        {
            return CommandRefusal.Invalid("dueAt", "Must be in the future.");
        }

        if (await FindAsync(caseId, version, cancellationToken) is not { } remediationCase)
        {
            return CommandRefusal.NotFound("case");
        }

        var before = CaseSnapshot.Of(remediationCase);
        var change = remediationCase.MoveTo(request.Stage!.Value, now, request.DueAt, caller.Actor, request.Reason);
        audit.Record("remediation_case.stage_changed", nameof(RemediationCase), remediationCase.Id, before,
            new { Case = CaseSnapshot.Of(remediationCase), StageChangeId = change.Id, change.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return Summary(remediationCase);
    }

    public async Task<CommandResult<CaseSummaryDto>> CloseAsync(Guid caseId, uint? version, CancellationToken cancellationToken)
    {
        if (await FindAsync(caseId, version, cancellationToken) is not { } remediationCase)
        {
            return CommandRefusal.NotFound("case");
        }

        var before = CaseSnapshot.Of(remediationCase);
        remediationCase.Close(clock.GetUtcNow());
        audit.Record("remediation_case.closed", nameof(RemediationCase), remediationCase.Id, before, CaseSnapshot.Of(remediationCase));
        await db.SaveChangesAsync(cancellationToken);
        return Summary(remediationCase);
    }

    private async Task<RemediationCase?> FindAsync(Guid caseId, uint? version, CancellationToken cancellationToken)
    {
        var remediationCase = await db.RemediationCases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (remediationCase is not null)
        {
            RowVersion.Expect(db, remediationCase, version);
        }

        return remediationCase;
    }

    private CaseSummaryDto Summary(RemediationCase remediationCase) => CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase));
}
