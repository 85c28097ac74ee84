namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Rows one retention run deleted (checkpoints go with their runs), dead-lettered runs whose staged pages it discarded,
/// and the staging rows it deleted.
/// </summary>
public sealed record RetentionResult(
    int NotificationsDeleted,
    int IngestionRunsDeleted,
    int ScanRequestsDeleted,
    int DeadLetteredRunsDiscarded = 0,
    int StagedRowsDeleted = 0);
