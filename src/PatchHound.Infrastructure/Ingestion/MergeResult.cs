namespace PatchHound.Infrastructure.Ingestion;

/// <summary>What a merge changed; the caller records the counts on its ingestion run.</summary>
public sealed record MergeResult
{
    /// <summary>The run had no staging rows (already merged, or nothing staged): live data was not touched.</summary>
    public static MergeResult NothingToMerge { get; } = new() { Merged = false };

    public bool Merged { get; init; } = true;

    public int DevicesAdded { get; init; }

    public int DevicesUpdated { get; init; }

    public int DevicesSeen => DevicesAdded + DevicesUpdated;

    public int VulnerabilitiesAdded { get; init; }

    /// <summary>Staged findings matched to a device of the source.</summary>
    public int FindingsSeen { get; init; }

    /// <summary>Staged findings whose device the source never reported; skipped.</summary>
    public int FindingsWithoutDevice { get; init; }

    /// <summary>Distinct devices of the run's export rows that its machines listing did not report.</summary>
    public int DevicesNotListed { get; init; }

    public int FindingsNew { get; init; }

    public int FindingsReopened { get; init; }

    public int FindingsResolved { get; init; }

    /// <summary>Installed software rows added or changed (seen dates, evidence).</summary>
    public int SoftwareUpserted { get; init; }

    /// <summary>Installed software no longer reported on a device whose software the run listed.</summary>
    public int SoftwareRemoved { get; init; }
}
