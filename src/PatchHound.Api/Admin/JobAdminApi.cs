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

    private static Ok<IReadOnlyList<FailedJobs.FailedJob>> ListFailed(FailedJobs failed, int? from, int? count) =>
        TypedResults.Ok(failed.List(from ?? 0, count ?? 50));

    private static Results<Accepted<FailedJobs.RequeuedJob>, ProblemHttpResult, ValidationProblem> Requeue(string id, FailedJobs failed, HttpContext http) =>
        failed.Requeue(id, http.User.FindFirst(PatchHoundClaims.Email)?.Value)
            .ToHttp(requeued => TypedResults.Accepted($"/admin/jobs/jobs/details/{id}", requeued));
}
