namespace PatchHound.Core.Ingestion;

/// <summary>
/// What a run reads: the whole export (and resolves what it did not see), only the changes since a time, or the whole
/// export via files (a full snapshot too).
/// </summary>
public enum IngestionPullMode
{
    Full,
    Delta,
    Files,
}
