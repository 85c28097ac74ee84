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
/// see <see cref="IngestionBatchJob"/>.)
/// </summary>
public sealed class IngestionSuccessor(IBackgroundJobClient client)
{
    private const string Parameter = "Successor";

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
}
