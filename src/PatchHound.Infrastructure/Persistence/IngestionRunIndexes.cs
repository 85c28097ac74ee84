namespace PatchHound.Infrastructure.Persistence;

/// <summary>Names of the unique indexes that make ingestion runs safe under concurrency, for callers that catch their violations.</summary>
public static class IngestionRunIndexes
{
    /// <summary>A unique violation on this index means the source already has an active run.</summary>
    public const string OneActivePerSource = "ux_ingestion_runs_one_active_per_source";

    /// <summary>A unique violation on this index means the cron slot was already enqueued.</summary>
    public const string OnePerScheduledSlot = "ux_ingestion_runs_scheduled_slot";
}
