using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Findings;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Reads.Audit;

/// <summary>
/// The audit trail of one finding or case, newest first, from the tenant's audit log (tenant rows, under the same
/// query filter and row-level security as every read). Who may see it is the audit log API's rule: TenantAdmins and
/// Auditors.
/// </summary>
internal sealed class AuditQueries(PatchHoundDbContext db)
{
    public const int TrailLength = 100;

    /// <summary>The case's own entries and those of its comments.</summary>
    public async Task<IReadOnlyList<AuditTrailEntryDto>> CaseTrailAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var ids = await db.CaseComments.AsNoTracking().Where(c => c.CaseId == caseId).Select(c => c.Id.ToString()).ToListAsync(cancellationToken);
        var caseKey = caseId.ToString();
        return await TrailAsync(
            db.AuditLogEntries.Where(e =>
                (e.EntityType == nameof(RemediationCase) && e.EntityId == caseKey) || (e.EntityType == nameof(CaseComment) && ids.Contains(e.EntityId))),
            cancellationToken);
    }

    public Task<IReadOnlyList<AuditTrailEntryDto>> FindingTrailAsync(Guid findingId, CancellationToken cancellationToken)
    {
        var id = findingId.ToString();
        return TrailAsync(db.AuditLogEntries.Where(e => e.EntityType == nameof(Finding) && e.EntityId == id), cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditTrailEntryDto>> TrailAsync(
        IQueryable<Core.Audit.AuditLogEntry> entries, CancellationToken cancellationToken) =>
        await entries.AsNoTracking()
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(TrailLength)
            .Select(e => new AuditTrailEntryDto(e.Id, e.Actor, e.Action, e.EntityType, e.At))
            .ToListAsync(cancellationToken);
}
