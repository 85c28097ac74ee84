using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Core.Approvals;
using PatchHound.Core.Identity;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Approvals;

/// <summary>
/// Approval requests: admins and analysts ask for a risk acceptance or an exception; a TenantAdmin other than the
/// requester decides.
/// </summary>
internal static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var approvals = app.MapTenantGroup("/approvals").AllowTenantRoles(WorkRoles.Readers).WithTags("Approvals");
        approvals.MapGet("/", ListAsync).WithName("ListApprovals").WithSummary("Approval requests, newest first; filter by status and kind");
        approvals.MapGet("/{id:guid}", GetAsync).WithName("GetApproval").WithSummary("One approval request");
        approvals.MapPost("/", CreateAsync).AllowTenantRoles(WorkRoles.Workers).WithName("RequestApproval")
            .WithSummary("Request a risk acceptance or an exception for a finding or a vulnerability");
        approvals.MapApprovalDecisions();
        return app;
    }

    internal static IQueryable<Guid?> RiskAcceptanceOf(PatchHoundDbContext db, Guid requestId) =>
        db.RiskAcceptances.Where(r => r.ApprovalRequestId == requestId).Select(r => (Guid?)r.Id);

    private static async Task<Results<Ok<Page<ApprovalDto>>, ValidationProblem>> ListAsync(
        string? status, string? kind, int? limit, string? cursor, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseEnum<ApprovalStatus>(status, out var statusFilter))
        {
            return FieldErrors.For(nameof(status), QueryValues.Names<ApprovalStatus>());
        }

        if (!QueryValues.TryParseEnum<ApprovalKind>(kind, out var kindFilter))
        {
            return FieldErrors.For(nameof(kind), QueryValues.Names<ApprovalKind>());
        }

        var query = db.ApprovalRequests.AsNoTracking();
        query = statusFilter is { } s ? query.Where(a => a.Status == s) : query;
        query = kindFilter is { } k ? query.Where(a => a.Kind == k) : query;
        if (Cursor.Decode<KeysetPosition>(cursor) is { } after)
        {
            query = query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.RequestedAt, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var take = PageLimit.Of(limit);
        var rows = await query.OrderByDescending(a => a.RequestedAt).ThenByDescending(a => a.Id)
            .Take(take + 1)
            .Select(a => new
            {
                Request = a,
                RiskAcceptanceId = db.RiskAcceptances.Where(r => r.ApprovalRequestId == a.Id).Select(r => (Guid?)r.Id).FirstOrDefault(),
                Version = EF.Property<uint>(a, ConcurrencyToken.PropertyName),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(KeysetPage.Of(
            rows, take, r => ApprovalDto.From(r.Request, r.RiskAcceptanceId, r.Version), r => new KeysetPosition(r.Request.RequestedAt, r.Request.Id)));
    }

    private static async Task<Results<Ok<ApprovalDto>, ProblemHttpResult>> GetAsync(Guid id, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var request = await db.ApprovalRequests.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (request is null)
        {
            return WorkProblems.NotFound("approval request");
        }

        var acceptanceId = await RiskAcceptanceOf(db, id).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(ApprovalDto.From(request, acceptanceId, RowVersion.Of(db, request)));
    }

    private static async Task<Results<Created<ApprovalDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        string tenant, NewApprovalRequest body, PatchHoundDbContext db, AuditTrail audit, CurrentCaller caller, TimeProvider clock,
        IOptions<ApprovalOptions> options, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } requester)
        {
            return WorkProblems.NeedsUser();
        }

        if ((body.FindingId is null) == string.IsNullOrWhiteSpace(body.VulnerabilityId))
        {
            return FieldErrors.For("findingId", "Give either findingId or vulnerabilityId, not both.");
        }

        string? vulnerabilityId = null;
        if (body.FindingId is { } findingId && !await db.Findings.AnyAsync(f => f.Id == findingId, cancellationToken))
        {
            return FieldErrors.For("findingId", "This tenant has no finding with this id.");
        }

        if (!string.IsNullOrWhiteSpace(body.VulnerabilityId))
        {
            vulnerabilityId = body.VulnerabilityId.Trim().ToUpperInvariant();
            if (!CveId.IsValid(vulnerabilityId) || !await db.Vulnerabilities.AnyAsync(v => v.Id == vulnerabilityId, cancellationToken))
            {
                return FieldErrors.For("vulnerabilityId", "A CVE id of the vulnerability catalog, e.g. CVE-2024-3400.");
            }
        }

        var now = clock.GetUtcNow();
        var request = new ApprovalRequest(
            db.Tenant.RequireTenantId(), body.Kind!.Value, requester, TenantRole.TenantAdmin, body.FindingId, vulnerabilityId,
            body.Justification!, now, now.AddDays(options.Value.RequestLifetimeDays));
        db.ApprovalRequests.Add(request);
        audit.Record("approval_request.created", nameof(ApprovalRequest), request.Id, null, ApprovalSnapshot.Of(request));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenant}/approvals/{request.Id}", ApprovalDto.From(request, null, RowVersion.Of(db, request)));
    }
}
