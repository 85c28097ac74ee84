namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// The source listed one device twice in a run (in one page or in two). The staged data would be ambiguous, so the
/// batch is refused; retrying reads the same data again, so the run should fail rather than retry.
/// </summary>
public sealed class DuplicateSourceRecordException : Exception
{
    public DuplicateSourceRecordException(Guid runId, string? externalId, Exception? innerException = null)
        : base(
            externalId is null
                ? $"A device appears twice in run {runId}."
                : $"device {externalId} appears twice in run {runId}",
            innerException)
    {
        RunId = runId;
        ExternalId = externalId;
    }

    public Guid RunId { get; }

    /// <summary>The duplicated device id; null when only the database noticed (a concurrent writer).</summary>
    public string? ExternalId { get; }
}
