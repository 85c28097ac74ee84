namespace PatchHound.Core.Sources;

/// <summary>
/// How a source reads its full exports (ADR 0016): the paged JSON export, or the same snapshot as gzip JSON-lines
/// files on Azure Storage (<c>SoftwareVulnerabilitiesExport</c>, documented for more than 100,000 devices). Deltas
/// between full exports are chosen with <see cref="SourceConfiguration.FullRunIntervalDays"/>, whichever this is.
/// </summary>
public enum SourcePullMode
{
    Full,
    Files,
}
