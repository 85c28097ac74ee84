using Hangfire.Client;
using Hangfire.Common;
using Hangfire.States;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// A job stays on the queue it was created for. Hangfire enqueues a retried or rescheduled job (AutomaticRetry, the
/// saturation back-off, a continuation's delay) on the <c>default</c> queue, which would move an ingestion batch off
/// the ingestion queue and its dedicated workers. The queue is kept as the job parameter <c>Queue</c> at creation, and
/// every later enqueue is sent back to it. Runs after the retry filter (order 20) and before the telemetry (100).
/// </summary>
internal sealed class JobQueueAffinityFilter : JobFilterAttribute, IClientFilter, IElectStateFilter
{
    internal const string QueueParameter = "Queue";

    public JobQueueAffinityFilter() => Order = 50;

    public void OnCreating(CreatingContext context)
    {
        if (QueueOf(context.InitialState) is { } queue)
        {
            context.SetJobParameter(QueueParameter, queue);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is EnqueuedState enqueued
            && context.GetJobParameter<string>(QueueParameter) is { Length: > 0 } queue
            && !string.Equals(enqueued.Queue, queue, StringComparison.Ordinal))
        {
            enqueued.Queue = queue;
        }
    }

    private static string? QueueOf(IState? state) => state switch
    {
        EnqueuedState enqueued => enqueued.Queue,
        AwaitingState { NextState: EnqueuedState next } => next.Queue,
        _ => null,
    };
}
