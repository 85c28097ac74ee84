using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>
/// Payload of <see cref="RealtimeEventNames.IngestionRun"/>: the run as <c>GET .../runs/{id}</c> shows it, plus its
/// tenant. Records done is the devices and findings read so far (the checkpoint's count).
/// </summary>
public sealed record IngestionRunEvent(
    Guid Id,
    Guid TenantId,
    Guid SourceId,
    string Trigger,
    string Status,
    string? Phase,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int PagesDone,
    long RecordsDone,
    int DevicesSeen,
    int FindingsSeen,
    int FindingsNew,
    int FindingsReopened,
    int FindingsResolved,
    int TextValuesCleaned,
    int Attempts,
    string? Error)
{
    public static IngestionRunEvent From(IngestionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new IngestionRunEvent(
            run.Id, run.TenantId, run.SourceId, run.Trigger.ToString(), run.Status.ToString(), run.Phase, run.QueuedAt,
            run.StartedAt, run.FinishedAt, run.PagesDone, (long)run.DevicesSeen + run.FindingsSeen, run.DevicesSeen,
            run.FindingsSeen, run.FindingsNew, run.FindingsReopened, run.FindingsResolved, run.TextValuesCleaned, run.AttemptCount,
            run.Error);
    }
}
