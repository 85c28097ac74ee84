namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Scan requests this run created (not counting slots another worker had already requested), and how many
/// profiles had older missed slots skipped because they were further behind than the catch-up cap.
/// </summary>
public sealed record ScanSchedulerResult(int RequestsCreated, int ProfilesWithSkippedSlots);
