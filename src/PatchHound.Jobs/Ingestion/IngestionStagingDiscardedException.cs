namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// A dead-lettered run was requeued after retention had discarded its staged pages: resuming would merge only the
/// pages read from now on, so the run fails instead, for good.
/// </summary>
public sealed class IngestionStagingDiscardedException(Guid runId)
    : Exception($"run {runId} was dead-lettered too long ago: retention discarded its staged pages, so it cannot resume from its checkpoint; trigger a new run");
