namespace PatchHound.Core.Ingestion;

/// <summary>Counts added to a run's totals after a batch.</summary>
public readonly record struct IngestionProgress
{
    public int PagesDone { get; init; }

    public int DevicesSeen { get; init; }

    public int FindingsSeen { get; init; }

    public int FindingsNew { get; init; }

    public int FindingsReopened { get; init; }

    public int FindingsResolved { get; init; }

    internal bool IsNonNegative =>
        PagesDone >= 0 && DevicesSeen >= 0 && FindingsSeen >= 0
        && FindingsNew >= 0 && FindingsReopened >= 0 && FindingsResolved >= 0;
}
