namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Rows one retention run deleted (checkpoints go with their runs).</summary>
public sealed record RetentionResult(int NotificationsDeleted, int IngestionRunsDeleted, int ScanRequestsDeleted);
