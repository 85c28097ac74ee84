using Hangfire;
using Hangfire.States;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Ingestion;

/// <summary>Starts a run's chain: its first batch, on the ingestion queue. Used by the dispatcher and the API.</summary>
public static class IngestionEnqueuer
{
    public static string EnqueueFirstBatch(IBackgroundJobClient client, Guid tenantId, Guid sourceId, Guid runId)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Create<IngestionBatchJob>(
            j => j.RunAsync(tenantId, sourceId, runId, 1, null, CancellationToken.None),
            new EnqueuedState(JobQueues.Ingestion));
    }
}
