using Hangfire;
using Hangfire.States;
using PatchHound.Api.Work;

namespace PatchHound.Api.Admin;

/// <summary>Hangfire's dead-letter queue (the Failed list): the jobs API's and the operator page's one read and requeue.</summary>
internal sealed class FailedJobs(JobStorage storage, IBackgroundJobClient client, ILogger<FailedJobs> logger)
{
    public IReadOnlyList<FailedJob> List(int from, int count) =>
        storage.GetMonitoringApi().FailedJobs(Math.Max(from, 0), Math.Clamp(count, 1, 500))
            .Select(j => new FailedJob(j.Key, j.Value.Job?.ToString() ?? "(unknown job)", j.Value.FailedAt, j.Value.ExceptionType, j.Value.ExceptionMessage))
            .ToList();

    public CommandResult<RequeuedJob> Requeue(string id, string? operatorEmail)
    {
        using var connection = storage.GetConnection();
        var data = long.TryParse(id, out _) ? connection.GetJobData(id) : null;
        if (data is null)
        {
            return new CommandRefusal(StatusCodes.Status404NotFound, "Job not found", $"There is no job {id}.");
        }

        if (data.State != FailedState.StateName && data.State != DeletedState.StateName)
        {
            return new CommandRefusal(StatusCodes.Status409Conflict, "Job is not failed",
                $"Job {id} is {data.State}; only Failed or Deleted jobs can be requeued.");
        }

        if (!client.ChangeState(id, new EnqueuedState(data.Job?.Queue ?? EnqueuedState.DefaultQueue), data.State))
        {
            return new CommandRefusal(StatusCodes.Status409Conflict, "Job changed state",
                $"Job {id} left the {data.State} state before it could be requeued.");
        }

        logger.LogWarning("Operator {Operator} requeued job {JobId} from {State}", operatorEmail, id, data.State);
        return new RequeuedJob(id, data.State, EnqueuedState.StateName);
    }

    internal sealed record FailedJob(string Id, string Job, DateTime? FailedAt, string? ExceptionType, string? ExceptionMessage);

    internal sealed record RequeuedJob(string Id, string From, string To);
}
