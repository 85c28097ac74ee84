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

    /// <summary>Source text values that held characters PostgreSQL cannot store, cleaned before staging.</summary>
    public int TextValuesCleaned { get; init; }

    /// <summary>Devices in the export that the run's machines listing did not report.</summary>
    public int DevicesNotListed { get; init; }

    /// <summary>Export findings of devices no listing ever reported: skipped.</summary>
    public int FindingsWithoutDevice { get; init; }

    internal bool IsNonNegative =>
        PagesDone >= 0 && DevicesSeen >= 0 && FindingsSeen >= 0
        && FindingsNew >= 0 && FindingsReopened >= 0 && FindingsResolved >= 0 && TextValuesCleaned >= 0
        && DevicesNotListed >= 0 && FindingsWithoutDevice >= 0;
}
