using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// Chains the next job of a run as a continuation of the running one, at most once per execution history: the id of
/// the successor is kept as a parameter of the current job, so a retried job does not chain a second successor.
/// (Should a crash fall between the two writes, the duplicate finds its batch staged by another job and does nothing,
/// see <see cref="IngestionBatchJob"/>.) A batch waiting for Defender's rate budget is deferred the same way, under its
/// own parameter, as a scheduled job on the ingestion queue (ADR 0017).
/// </summary>
public sealed class IngestionSuccessor(IBackgroundJobClient client)
{
    private const string Parameter = "Successor";
    private const string DeferredParameter = "Deferred";

    public string Chain(PerformContext? job, Job next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (job is null)
        {
            return client.Create(next, new EnqueuedState(JobQueues.Ingestion));
        }

        var existing = job.GetJobParameter<string>(Parameter);
        if (!string.IsNullOrEmpty(existing))
        {
            return existing;
        }

        var id = client.Create(next, new AwaitingState(
            job.BackgroundJob.Id, new EnqueuedState(JobQueues.Ingestion), JobContinuationOptions.OnlyOnSucceededState));
        job.Connection.SetJobParameter(id, IngestionMetrics.ChainedAtParameter, SerializationHelper.Serialize(DateTime.UtcNow, SerializationOption.User));
        job.SetJobParameter(Parameter, id);
        return id;
    }

    /// <summary>
    /// Schedules <paramref name="again"/> (the same batch) for <paramref name="at"/> instead of chaining a successor;
    /// the running job then ends without one. Once per execution history, like <see cref="Chain"/>.
    /// </summary>
    public string Defer(PerformContext? job, Job again, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(again);
        var existing = job?.GetJobParameter<string>(DeferredParameter);
        if (!string.IsNullOrEmpty(existing))
        {
            return existing;
        }

        // A scheduled state names no queue: the queue parameter, set at creation, sends it to the ingestion queue when due.
        var parameters = new Dictionary<string, object> { [JobQueueAffinityFilter.QueueParameter] = JobQueues.Ingestion };
        var scheduled = new ScheduledState(at.UtcDateTime);
        var id = client is IBackgroundJobClientV2 withParameters
            ? withParameters.Create(again, scheduled, parameters)
            : throw new InvalidOperationException("Deferring a batch needs Hangfire's IBackgroundJobClientV2 (job parameters at creation).");
        job?.SetJobParameter(DeferredParameter, id);
        return id;
    }
}
