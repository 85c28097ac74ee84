using PatchHound.Reads.Ingestion;

namespace PatchHound.Api.Ingestion;

/// <param name="Outcome">Done, or why nothing changed.</param>
/// <param name="Run">The run as changed (or, when already finished, as it is).</param>
/// <param name="ActiveRunId">The run that is already active, when a trigger found one.</param>
internal sealed record IngestionRunChange(IngestionRunOutcome Outcome, IngestionRunDto? Run, Guid? ActiveRunId)
{
    public static readonly IngestionRunChange SourceMissing = new(IngestionRunOutcome.SourceMissing, null, null);

    public static readonly IngestionRunChange RunMissing = new(IngestionRunOutcome.RunMissing, null, null);

    /// <summary>The ProblemDetails the REST endpoint answers and the page shows, for anything but <see cref="IngestionRunOutcome.Done"/>.</summary>
    public (int Status, string Title, string Detail) Problem(Guid sourceId, Guid? runId) => Outcome switch
    {
        IngestionRunOutcome.SourceMissing => (StatusCodes.Status404NotFound, "Not found", "The source does not exist."),
        IngestionRunOutcome.RunMissing => (StatusCodes.Status404NotFound, "Not found", "The run does not exist."),
        IngestionRunOutcome.AlreadyActive => (StatusCodes.Status409Conflict, "A run is already active",
            $"Source {sourceId} already has an active run ({ActiveRunId}); wait for it or cancel it."),
        IngestionRunOutcome.AlreadyFinished => (StatusCodes.Status409Conflict, "Run already finished", $"Run {runId} is {Run!.Status}."),
        _ => throw new InvalidOperationException("The change succeeded."),
    };
}
