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
using PatchHound.Reads.Approvals;
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

    private static async Task<Results<Ok<Page<ApprovalDto>>, ValidationProblem>> ListAsync(
        string? status, string? kind, int? limit, string? cursor, ApprovalQueries queries, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseEnum<ApprovalStatus>(status, out var statusFilter))
        {
            return FieldErrors.For(nameof(status), QueryValues.Names<ApprovalStatus>());
        }

        if (!QueryValues.TryParseEnum<ApprovalKind>(kind, out var kindFilter))
        {
            return FieldErrors.For(nameof(kind), QueryValues.Names<ApprovalKind>());
        }

        return TypedResults.Ok(await queries.PageAsync(statusFilter, kindFilter, Cursor.Decode<KeysetPosition>(cursor), PageLimit.Of(limit), cancellationToken));
    }

    private static async Task<Results<Ok<ApprovalDto>, ProblemHttpResult>> GetAsync(Guid id, ApprovalQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } approval ? TypedResults.Ok(approval) : WorkProblems.NotFound("approval request");

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
