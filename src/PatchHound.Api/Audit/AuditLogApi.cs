using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Work;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Audit;

/// <summary>The tenant's audit log, read-only, for TenantAdmins and Auditors.</summary>
internal static class AuditLogApi
{
    public static IEndpointRouteBuilder MapAuditLogApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapTenantGroup("/audit-log").AllowTenantRoles(WorkRoles.AuditReaders).WithTags("Audit log");
        audit.MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("Audit entries, newest first; filter by actor, action, entityType, entityId and time (from inclusive, to exclusive)");
        audit.MapGet("/{id:guid}", GetAsync).WithName("GetAuditEntry").WithSummary("One audit entry");
        return app;
    }

    private static async Task<Results<Ok<Page<AuditEntryDto>>, ValidationProblem>> ListAsync(
        string? actor, string? action, string? entityType, string? entityId, DateTimeOffset? from, DateTimeOffset? to,
        int? limit, string? cursor, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && to <= from)
        {
            return FieldErrors.For(nameof(to), "Must be after from.");
        }

        var query = db.AuditLogEntries.AsNoTracking();
        query = string.IsNullOrEmpty(actor) ? query : query.Where(e => e.Actor == actor);
        query = string.IsNullOrEmpty(action) ? query : query.Where(e => e.Action == action);
        query = string.IsNullOrEmpty(entityType) ? query : query.Where(e => e.EntityType == entityType);
        query = string.IsNullOrEmpty(entityId) ? query : query.Where(e => e.EntityId == entityId);
        if (from is { } since)
        {
            var utc = since.ToUniversalTime();
            query = query.Where(e => e.At >= utc);
        }

        if (to is { } until)
        {
            var utc = until.ToUniversalTime();
            query = query.Where(e => e.At < utc);
        }

        if (Cursor.Decode<KeysetPosition>(cursor) is { } after)
        {
            query = query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var take = PageLimit.Of(limit);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(KeysetPage.Of(rows, take, AuditEntryDto.From, e => new KeysetPosition(e.At, e.Id)));
    }

    private static async Task<Results<Ok<AuditEntryDto>, ProblemHttpResult>> GetAsync(Guid id, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var entry = await db.AuditLogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entry is null ? WorkProblems.NotFound("audit entry") : TypedResults.Ok(AuditEntryDto.From(entry));
    }
}
