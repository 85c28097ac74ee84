namespace PatchHound.Infrastructure.Ingestion;

/// <summary>What one batch put into staging.</summary>
/// <param name="DevicesStaged">Device rows written.</param>
/// <param name="FindingsStaged">Finding rows written.</param>
/// <param name="FindingsNotCve">Rows skipped because their id is not a CVE (e.g. Defender's <c>TVM-...</c> ids).</param>
/// <param name="FindingsCollapsed">Rows dropped as duplicates of a row already staged for the run.</param>
/// <param name="TextValuesCleaned">Text values that held characters PostgreSQL cannot store, cleaned (see <see cref="TextCleaning"/>).</param>
public sealed record StagingBatchResult(
    int DevicesStaged, int FindingsStaged, int FindingsNotCve, int FindingsCollapsed, int TextValuesCleaned);
