using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.ApiKeys;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Jobs.Ingestion;

namespace PatchHound.Api.Ingestion;

/// <summary>Tenant admins' view of a source's ingestion runs: trigger one, follow it, cancel it.</summary>
internal static class IngestionRunsApi
{
    public static IEndpointRouteBuilder MapIngestionRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapTenantGroup("/sources/{source:guid}/runs").AllowTenantRoles(TenantRole.TenantAdmin)
            .RequireApiKeyScope(ApiKeyScopes.IngestionTrigger).WithTags("Ingestion runs");
        runs.MapPost("/", TriggerAsync);
        runs.MapGet("/", ListAsync);
        runs.MapGet("/{id:guid}", GetAsync).WithName("GetIngestionRun");
        runs.MapPost("/{id:guid}/cancel", CancelAsync);
        return app;
    }

    private static async Task<Results<Accepted<IngestionRunDto>, ProblemHttpResult>> TriggerAsync(
        string tenant, Guid source, PatchHoundDbContext db, IBackgroundJobClient jobs, IRealtimeEvents realtime, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.SourceConfigurations.AnyAsync(s => s.Id == source, cancellationToken))
        {
            return SourceNotFound();
        }

        var run = IngestionRun.Manual(db.Tenant.RequireTenantId(), source, clock.GetUtcNow());
        db.IngestionRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { ConstraintName: IngestionRunIndexes.OneActivePerSource })
        {
            db.ChangeTracker.Clear();
            var active = await db.IngestionRuns.AsNoTracking()
                .Where(r => r.SourceId == source && (r.Status == IngestionRunStatus.Queued || r.Status == IngestionRunStatus.Running))
                .Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            var conflict = TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A run is already active",
                detail: $"Source {source} already has an active run ({active}); wait for it or cancel it.");
            conflict.ProblemDetails.Extensions["activeRunId"] = active;
            return conflict;
        }

        IngestionEnqueuer.EnqueueFirstBatch(jobs, run.TenantId, source, run.Id);
        await realtime.IngestionRunChangedAsync(run, cancellationToken);
        return TypedResults.Accepted($"/api/tenants/{tenant}/sources/{source}/runs/{run.Id}", IngestionRunDto.From(run, null));
    }

    private static async Task<Results<Ok<List<IngestionRunDto>>, ProblemHttpResult>> ListAsync(
        Guid source, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.SourceConfigurations.AnyAsync(s => s.Id == source, cancellationToken))
        {
            return SourceNotFound();
        }

        var runs = await db.IngestionRuns.AsNoTracking()
            .Where(r => r.SourceId == source)
            .OrderByDescending(r => r.QueuedAt)
            .Take(50)
            .ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var checkpoints = await db.IngestionCheckpoints.AsNoTracking().Where(c => ids.Contains(c.RunId)).ToDictionaryAsync(c => c.RunId, cancellationToken);
        return TypedResults.Ok(runs.Select(r => IngestionRunDto.From(r, checkpoints.GetValueOrDefault(r.Id))).ToList());
    }

    private static async Task<Results<Ok<IngestionRunDto>, ProblemHttpResult>> GetAsync(
        Guid source, Guid id, PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.IngestionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.SourceId == source, cancellationToken);
        if (run is null)
        {
            return RunNotFound();
        }

        var checkpoint = await db.IngestionCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.RunId == id, cancellationToken);
        return TypedResults.Ok(IngestionRunDto.From(run, checkpoint));
    }

    private static async Task<Results<Ok<IngestionRunDto>, ProblemHttpResult>> CancelAsync(
        Guid source, Guid id, PatchHoundDbContext db, IRealtimeEvents realtime, TimeProvider clock, CancellationToken cancellationToken)
    {
        var run = await db.IngestionRuns.SingleOrDefaultAsync(r => r.Id == id && r.SourceId == source, cancellationToken);
        if (run is null)
        {
            return RunNotFound();
        }

        if (run.Status is IngestionRunStatus.Succeeded or IngestionRunStatus.Cancelled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Run already finished",
                detail: $"Run {id} is {run.Status}.");
        }

        run.Cancel(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await realtime.IngestionRunChangedAsync(run, cancellationToken);
        return TypedResults.Ok(IngestionRunDto.From(run, null));
    }

    private static ProblemHttpResult SourceNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The source does not exist.");

    private static ProblemHttpResult RunNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The run does not exist.");
}
