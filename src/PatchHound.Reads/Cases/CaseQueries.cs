using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Cases;

/// <summary>
/// The tenant's remediation cases for the REST endpoints and the cases pages: the queue (newest first, keyset paged),
/// one case with its history and comments, and who can be assigned. Each case carries its xmin version.
/// </summary>
internal sealed class CaseQueries(PatchHoundDbContext db)
{
    public async Task<Page<CaseSummaryDto>> PageAsync(CaseFilter filter, KeysetPosition? after, int take, CancellationToken cancellationToken)
    {
        var query = filter.Apply(db.RemediationCases.AsNoTracking());
        if (after is not null)
        {
            query = query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(take + 1)
            .Select(c => new { Case = c, Version = EF.Property<uint>(c, ConcurrencyToken.PropertyName) })
            .ToListAsync(cancellationToken);
        return KeysetPage.Of(rows, take, r => CaseSummaryDto.From(r.Case, r.Version), r => new KeysetPosition(r.Case.CreatedAt, r.Case.Id));
    }

    /// <summary>
    /// The open cases assigned to a user, overdue first (by how long overdue), then by stage due date, undated last:
    /// the "My work" page's list; at most <paramref name="take"/>, and whether there are more.
    /// </summary>
    public async Task<(IReadOnlyList<CaseSummaryDto> Cases, bool More)> AssignedAsync(Guid userId, int take, CancellationToken cancellationToken)
    {
        var rows = await db.RemediationCases.AsNoTracking()
            .Where(c => c.AssigneeUserId == userId && c.Status != Core.Remediation.RemediationCaseStatus.Closed)
            .OrderBy(c => c.StageDueAt == null).ThenBy(c => c.StageDueAt).ThenBy(c => c.Id)
            .Take(take + 1)
            .Select(c => new { Case = c, Version = EF.Property<uint>(c, ConcurrencyToken.PropertyName) })
            .ToListAsync(cancellationToken);
        return (rows.Take(take).Select(r => CaseSummaryDto.From(r.Case, r.Version)).ToList(), rows.Count > take);
    }

    /// <summary>The case with its whole stage history and first page of comments; null when not in this tenant.</summary>
    public async Task<CaseDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.RemediationCases.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new { Case = c, Version = EF.Property<uint>(c, ConcurrencyToken.PropertyName) })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var history = await db.RemediationStageChanges.AsNoTracking()
            .Where(s => s.CaseId == id)
            .OrderBy(s => s.ChangedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var comments = await CommentsAsync(id, PageLimit.Default, after: null, cancellationToken);
        return new CaseDto(CaseSummaryDto.From(row.Case, row.Version), history.Select(StageChangeDto.From).ToList(), comments);
    }

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.RemediationCases.AnyAsync(c => c.Id == id, cancellationToken);

    /// <summary>A case's comments, oldest first.</summary>
    public async Task<Page<CaseCommentDto>> CommentsAsync(Guid caseId, int take, KeysetPosition? after, CancellationToken cancellationToken)
    {
        var query = db.CaseComments.AsNoTracking().Where(c => c.CaseId == caseId);
        if (after is not null)
        {
            query = query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        return KeysetPage.Of(rows, take, CaseCommentDto.From, c => new KeysetPosition(c.CreatedAt, c.Id));
    }

    /// <summary>
    /// TenantAdmins and Analysts of this tenant who are not disabled, by name. Memberships are tenant rows, so no one
    /// of another tenant appears.
    /// </summary>
    public async Task<IReadOnlyList<CaseWorkerDto>> WorkersAsync(CancellationToken cancellationToken)
    {
        var userIds = await db.TenantMemberships.AsNoTracking()
            .Where(m => m.Role == TenantRole.TenantAdmin || m.Role == TenantRole.Analyst)
            .Select(m => m.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.DisabledAt == null)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new CaseWorkerDto(u.Id, u.DisplayName, u.Email))
            .ToListAsync(cancellationToken);
    }
}
