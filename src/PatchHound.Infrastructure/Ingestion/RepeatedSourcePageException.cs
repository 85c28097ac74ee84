namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// A batch brought only records that earlier batches of the run had staged: the source served a page it had served
/// before, which happens when its next link leads back (a cycle). Each batch reads one page with a fresh client, so
/// the client's own cycle check, which sees one enumeration, cannot catch this; without this check the run would
/// read the same pages forever. Retrying reads the same links again, so the run should fail rather than retry.
/// </summary>
public sealed class RepeatedSourcePageException(Guid runId, int batchNumber, int records, string kind)
    : Exception($"batch {batchNumber} of run {runId} repeats {records} {kind} that earlier batches of the run already staged, "
        + "and nothing new: the source's next link led back to a page it had served before (a cycle)")
{
    public Guid RunId { get; } = runId;

    public int BatchNumber { get; } = batchNumber;
}
