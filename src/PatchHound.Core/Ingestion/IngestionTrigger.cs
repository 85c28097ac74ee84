namespace PatchHound.Core.Ingestion;

public enum IngestionTrigger
{
    Scheduled,
    Manual,
}
