namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// The run has used its tenant's retry budget or hit an error retrying cannot fix: Hangfire must not retry the job.
/// It stays Failed (the dead-letter queue) until an operator requeues it; it then resumes from its checkpoint.
/// </summary>
public sealed class IngestionDeadLetteredException(Guid runId, string reason, Exception inner)
    : Exception($"Ingestion run {runId} is dead-lettered: {reason}", inner);
