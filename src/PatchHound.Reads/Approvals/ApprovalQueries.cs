using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Approvals;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;
using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Approvals;

/// <summary>
/// The tenant's approval requests for the REST endpoints and the approvals pages: the list (newest first), the
/// inbox of requests still open to a decision (soonest expiry first), one request, and how many wait. Each request
/// carries its xmin version and the risk acceptance it granted, if any.
/// </summary>
internal sealed class ApprovalQueries(PatchHoundDbContext db)
{
    public async Task<Page<ApprovalDto>> PageAsync(
        ApprovalStatus? status, ApprovalKind? kind, KeysetPosition? after, int take, CancellationToken cancellationToken)
    {
        var query = db.ApprovalRequests.AsNoTracking();
        query = status is { } s ? query.Where(a => a.Status == s) : query;
        query = kind is { } k ? query.Where(a => a.Kind == k) : query;
        if (after is not null)
        {
            query = query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.RequestedAt, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(a => a.RequestedAt).ThenByDescending(a => a.Id)
            .Take(take + 1)
            .Select(a => new
            {
                Request = a,
                RiskAcceptanceId = db.RiskAcceptances.Where(r => r.ApprovalRequestId == a.Id).Select(r => (Guid?)r.Id).FirstOrDefault(),
                Version = EF.Property<uint>(a, ConcurrencyToken.PropertyName),
            })
            .ToListAsync(cancellationToken);
        return KeysetPage.Of(
            rows, take, r => ApprovalDto.From(r.Request, r.RiskAcceptanceId, r.Version), r => new KeysetPosition(r.Request.RequestedAt, r.Request.Id));
    }

    /// <summary>Pending requests that can still be decided (not past their expiry), the soonest to expire first.</summary>
    public async Task<Page<ApprovalInboxItemDto>> InboxAsync(DateTimeOffset now, KeysetPosition? after, int take, CancellationToken cancellationToken)
    {
        var query = Open(now);
        if (after is not null)
        {
            query = query.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.ExpiresAt, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderBy(a => a.ExpiresAt).ThenBy(a => a.Id)
            .Take(take + 1)
            .Select(a => new
            {
                Request = a,
                Version = EF.Property<uint>(a, ConcurrencyToken.PropertyName),
                RequestedBy = db.Users.Where(u => u.Id == a.RequestedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Finding = db.Findings.Where(f => f.Id == a.FindingId)
                    .Select(f => new { f.VulnerabilityId, Device = db.Devices.Where(d => d.Id == f.DeviceId).Select(d => d.Name).FirstOrDefault() })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return KeysetPage.Of(
            rows,
            take,
            r => new ApprovalInboxItemDto(
                ApprovalDto.From(r.Request, null, r.Version), r.RequestedBy ?? "A former member", r.Finding?.Device, r.Finding?.VulnerabilityId),
            r => new KeysetPosition(r.Request.ExpiresAt, r.Request.Id));
    }

    public Task<int> OpenCountAsync(DateTimeOffset now, CancellationToken cancellationToken) => Open(now).CountAsync(cancellationToken);

    /// <summary>The request with its version and granted acceptance; null when not in this tenant.</summary>
    public async Task<ApprovalDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.ApprovalRequests.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new
            {
                Request = a,
                RiskAcceptanceId = db.RiskAcceptances.Where(r => r.ApprovalRequestId == a.Id).Select(r => (Guid?)r.Id).FirstOrDefault(),
                Version = EF.Property<uint>(a, ConcurrencyToken.PropertyName),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ApprovalDto.From(row.Request, row.RiskAcceptanceId, row.Version);
    }

    /// <summary>A user's display name in this tenant's pages (requesters and deciders); null when there is none.</summary>
    public Task<string?> UserNameAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (string?)u.DisplayName).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<ApprovalRequest> Open(DateTimeOffset now) =>
        db.ApprovalRequests.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending && a.ExpiresAt > now);
}
