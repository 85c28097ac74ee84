using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Core.Remediation;
using PatchHound.Core.Vulnerabilities;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Remediation;

/// <summary>Remediation cases: everyone in the tenant reads them; admins and analysts work them.</summary>
internal static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapTenantGroup("/cases").AllowTenantRoles(WorkRoles.Readers).WithTags("Remediation cases");
        cases.MapGet("/", ListAsync).WithName("ListCases")
            .WithSummary("Cases, newest first; filter by status, stage, assignee (a user id, \"me\" or \"none\")");
        cases.MapGet("/{id:guid}", GetAsync).WithName("GetCase").WithSummary("A case with its stage history and first comments");
        cases.MapPost("/", CreateAsync).AllowTenantRoles(WorkRoles.Workers).WithName("CreateCase").WithSummary("Open a case in triage");
        cases.MapCaseWorkflow();
        cases.MapCaseComments();
        return app;
    }

    private static async Task<Results<Ok<Page<CaseSummaryDto>>, ValidationProblem>> ListAsync(
        string? status, string? stage, string? assignee, int? limit, string? cursor,
        PatchHoundDbContext db, CurrentCaller caller, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseEnum<RemediationCaseStatus>(status, out var statusFilter))
        {
            return FieldErrors.For(nameof(status), QueryValues.Names<RemediationCaseStatus>());
        }

        if (!QueryValues.TryParseEnum<WorkflowStage>(stage, out var stageFilter))
        {
            return FieldErrors.For(nameof(stage), QueryValues.Names<WorkflowStage>());
        }

        var query = db.RemediationCases.AsNoTracking();
        query = statusFilter is { } s ? query.Where(c => c.Status == s) : query;
        query = stageFilter is { } st ? query.Where(c => c.Stage == st) : query;
        switch (assignee?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "none":
                query = query.Where(c => c.AssigneeUserId == null);
                break;
            case "me":
                var me = caller.UserId;
                query = query.Where(c => me != null && c.AssigneeUserId == me);
                break;
            default:
                if (!Guid.TryParse(assignee, out var assigneeId))
                {
                    return FieldErrors.For(nameof(assignee), "A user id, \"me\" or \"none\".");
                }

                query = query.Where(c => c.AssigneeUserId == assigneeId);
                break;
        }

        if (Cursor.Decode<KeysetPosition>(cursor) is { } after)
        {
            query = query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var take = PageLimit.Of(limit);
        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(take + 1)
            .Select(c => new { Case = c, Version = EF.Property<uint>(c, ConcurrencyToken.PropertyName) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(KeysetPage.Of(rows, take, r => CaseSummaryDto.From(r.Case, r.Version), r => new KeysetPosition(r.Case.CreatedAt, r.Case.Id)));
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(Guid id, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        // Tracked, so the xmin shadow value is kept for the version.
        var remediationCase = await db.RemediationCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (remediationCase is null)
        {
            return WorkProblems.NotFound("case");
        }

        var history = await db.RemediationStageChanges.AsNoTracking()
            .Where(s => s.CaseId == id)
            .OrderBy(s => s.ChangedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var comments = await CaseCommentsEndpoints.PageAsync(db, id, PageLimit.Default, after: null, cancellationToken);
        return TypedResults.Ok(new CaseDto(
            CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase)),
            history.Select(StageChangeDto.From).ToList(),
            comments));
    }

    private static async Task<Results<Created<CaseSummaryDto>, ValidationProblem>> CreateAsync(
        string tenant, CreateCaseRequest request, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string? vulnerabilityId = null;
        if (!string.IsNullOrWhiteSpace(request.VulnerabilityId))
        {
            vulnerabilityId = request.VulnerabilityId.Trim().ToUpperInvariant();
            if (!CveId.IsValid(vulnerabilityId))
            {
                return FieldErrors.For("vulnerabilityId", "A CVE id, e.g. CVE-2024-3400.");
            }

            if (!await db.Vulnerabilities.AnyAsync(v => v.Id == vulnerabilityId, cancellationToken))
            {
                return FieldErrors.For("vulnerabilityId", "This CVE is not in the vulnerability catalog.");
            }
        }

        if (request.TriageDueAt is { } due && due <= now)
        {
            return FieldErrors.For("triageDueAt", "Must be in the future.");
        }

        var remediationCase = new RemediationCase(
            db.Tenant.RequireTenantId(), request.Title!, vulnerabilityId, request.FindingGroupKey, now, request.TriageDueAt);
        db.RemediationCases.Add(remediationCase);
        audit.Record("remediation_case.created", nameof(RemediationCase), remediationCase.Id, null, CaseSnapshot.Of(remediationCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/tenants/{tenant}/cases/{remediationCase.Id}", CaseSummaryDto.From(remediationCase, RowVersion.Of(db, remediationCase)));
    }
}
