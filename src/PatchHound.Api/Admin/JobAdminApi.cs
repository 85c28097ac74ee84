using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Auth;

namespace PatchHound.Api.Admin;

/// <summary>
/// Operator API over Hangfire's dead-letter queue (the Failed list): list failed jobs and requeue one.
/// </summary>
internal static class JobAdminApi
{
    public static IEndpointRouteBuilder MapJobAdminApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/admin/jobs").RequireAuthorization(Policies.PlatformOperator).WithTags("Admin: jobs");
        jobs.MapGet("/failed", ListFailed);
        jobs.MapPost("/{id}/requeue", Requeue);
        return app;
    }

    private static Ok<IReadOnlyList<FailedJob>> ListFailed(JobStorage storage, int? from, int? count)
    {
        var failed = storage.GetMonitoringApi().FailedJobs(Math.Max(from ?? 0, 0), Math.Clamp(count ?? 50, 1, 500));
        return TypedResults.Ok<IReadOnlyList<FailedJob>>(failed
            .Select(j => new FailedJob(j.Key, j.Value.Job?.ToString() ?? "(unknown job)", j.Value.FailedAt, j.Value.ExceptionType, j.Value.ExceptionMessage))
            .ToList());
    }

    private static Results<Accepted<RequeuedJob>, ProblemHttpResult> Requeue(
        string id, JobStorage storage, IBackgroundJobClient client, HttpContext http, ILogger<RequeuedJob> logger)
    {
        using var connection = storage.GetConnection();
        var data = long.TryParse(id, out _) ? connection.GetJobData(id) : null;
        if (data is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"There is no job {id}.");
        }

        if (data.State != FailedState.StateName && data.State != DeletedState.StateName)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Job is not failed",
                detail: $"Job {id} is {data.State}; only Failed or Deleted jobs can be requeued.");
        }

        if (!client.ChangeState(id, new EnqueuedState(data.Job?.Queue ?? EnqueuedState.DefaultQueue), data.State))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Job changed state",
                detail: $"Job {id} left the {data.State} state before it could be requeued.");
        }

        logger.LogWarning("Operator {Operator} requeued job {JobId} from {State}",
            http.User.FindFirst(PatchHoundClaims.Email)?.Value, id, data.State);
        return TypedResults.Accepted($"/admin/jobs/jobs/details/{id}", new RequeuedJob(id, data.State, EnqueuedState.StateName));
    }

    internal sealed record FailedJob(string Id, string Job, DateTime? FailedAt, string? ExceptionType, string? ExceptionMessage);

    internal sealed record RequeuedJob(string Id, string From, string To);
}
