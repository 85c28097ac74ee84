namespace PatchHound.Core.Ingestion;

/// <summary>What a run reads: the whole export (and resolves what it did not see), or only the changes since a time.</summary>
public enum IngestionPullMode
{
    Full,
    Delta,
}
