using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using PatchHound.ServiceDefaults;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// One trace across enqueuer and jobs (ADR 0009): the enqueuer's W3C trace context is kept as a job parameter and
/// every execution's span is its child, in whatever worker process and attempt runs it. The span carries job id,
/// type, queue and attempt, records the exception, and gets the retry or dead-lettering as an event; the execution
/// also feeds <see cref="JobMetrics"/>. A failed execution's span stays open until Hangfire elects its next state.
/// </summary>
internal sealed class JobTelemetryFilter : JobFilterAttribute, IClientFilter, IServerFilter, IElectStateFilter
{
    internal const string TraceParent = "TraceParent";
    internal const string TraceState = "TraceState";
    internal const string QueueParameter = JobQueueAffinityFilter.QueueParameter;
    internal const string EnqueuedAtParameter = "EnqueuedAt";
    private const string SpanItem = "patchhound.job-span";
    private const string StartedItem = "patchhound.job-started";

    private static readonly ConcurrentDictionary<string, Activity> AwaitingElection = new();

    // After AutomaticRetry (order 20), so the state seen here is the one elected.
    public JobTelemetryFilter() => Order = 100;

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current is { } current)
        {
            context.SetJobParameter(TraceParent, current.Id);
            if (!string.IsNullOrEmpty(current.TraceStateString))
            {
                context.SetJobParameter(TraceState, current.TraceStateString);
            }
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob;
        var type = JobType(job.Job);
        var queue = context.GetJobParameter<string>(QueueParameter) ?? "unknown";
        var enqueuedAt = context.GetJobParameter<DateTime?>(EnqueuedAtParameter) ?? job.CreatedAt;
        JobMetrics.QueueWait.Record(Math.Max(0, (DateTime.UtcNow - enqueuedAt).TotalSeconds), JobMetrics.Labels(type, queue));
        context.Items[StartedItem] = Stopwatch.GetTimestamp();

        ActivityContext.TryParse(context.GetJobParameter<string>(TraceParent), context.GetJobParameter<string>(TraceState),
            out var parent);
        var span = TenantTelemetry.Source.StartActivity($"job {type}", ActivityKind.Consumer, parent);
        if (span is null)
        {
            return;
        }

        span.SetTag("patchhound.job.id", job.Id);
        span.SetTag("patchhound.job.type", type);
        span.SetTag("patchhound.job.queue", queue);
        span.SetTag("patchhound.job.attempt", context.GetJobParameter<int>("RetryCount") + 1);
        context.Items[SpanItem] = span;
    }

    public void OnPerformed(PerformedContext context)
    {
        var type = JobType(context.BackgroundJob.Job);
        var queue = context.GetJobParameter<string>(QueueParameter) ?? "unknown";
        var outcome = context.Canceled ? "skipped" : context.Exception is null ? "succeeded" : "failed";
        JobMetrics.Processed.Add(1, JobMetrics.Labels(type, queue, outcome));
        if (context.Items.TryGetValue(StartedItem, out var started))
        {
            JobMetrics.Duration.Record(Stopwatch.GetElapsedTime((long)started).TotalSeconds, JobMetrics.Labels(type, queue, outcome));
        }

        if (!context.Items.TryGetValue(SpanItem, out var item) || item is not Activity span)
        {
            return;
        }

        span.SetTag("patchhound.job.outcome", outcome);
        // The worker thread goes on to other jobs: it must not keep this span as its current one.
        Activity.Current = span.Parent;
        if (context.Exception is { } exception && !context.ExceptionHandled)
        {
            var cause = exception is JobPerformanceException { InnerException: { } inner } ? inner : exception;
            span.AddException(cause);
            span.SetStatus(ActivityStatusCode.Error, cause.GetType().Name);
            AwaitingElection[context.BackgroundJob.Id] = span;
            return;
        }

        span.Stop();
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is EnqueuedState enqueued)
        {
            context.SetJobParameter(EnqueuedAtParameter, DateTime.UtcNow);
        }

        if (!AwaitingElection.TryRemove(context.BackgroundJob.Id, out var span))
        {
            return;
        }

        var type = JobType(context.BackgroundJob.Job);
        var queue = context.GetJobParameter<string>(QueueParameter) ?? "unknown";
        var attempt = context.GetJobParameter<int>("RetryCount");
        switch (context.CandidateState)
        {
            case ScheduledState scheduled:
                span.AddEvent(new ActivityEvent("job.retry", tags: new ActivityTagsCollection
                {
                    ["patchhound.job.attempt"] = attempt,
                    ["patchhound.job.retry_at"] = scheduled.EnqueueAt.ToString("O", CultureInfo.InvariantCulture),
                }));
                JobMetrics.Retried.Add(1, JobMetrics.Labels(type, queue));
                break;
            case FailedState:
                span.AddEvent(new ActivityEvent("job.dead-lettered", tags: new ActivityTagsCollection
                {
                    ["patchhound.job.attempt"] = attempt + 1,
                }));
                JobMetrics.DeadLettered.Add(1, JobMetrics.Labels(type, queue));
                break;
        }

        span.Stop();
    }

    internal static string JobType(Job? job) => job?.Type.Name ?? "unknown";
}
