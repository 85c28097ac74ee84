namespace PatchHound.Jobs.Ingestion;

/// <summary>Where a run is: reading devices, reading findings, or done reading and waiting for the merge.</summary>
public static class IngestionPhases
{
    public const string Devices = "devices";
    public const string Findings = "findings";
    public const string Merge = "merge";
}
