namespace PatchHound.Jobs.Ingestion;

/// <summary>A step found the run's checkpoint somewhere it cannot continue from (a bug, not a source fault).</summary>
public sealed class IngestionOrderException(string message) : Exception(message);
