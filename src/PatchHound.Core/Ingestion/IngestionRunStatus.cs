namespace PatchHound.Core.Ingestion;

public enum IngestionRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    DeadLettered,
    Cancelled,
}
