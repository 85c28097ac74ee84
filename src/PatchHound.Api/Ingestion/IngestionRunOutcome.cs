namespace PatchHound.Api.Ingestion;

/// <summary>What a trigger or cancel did, or why it did nothing.</summary>
internal enum IngestionRunOutcome
{
    Done,
    SourceMissing,
    RunMissing,
    AlreadyActive,
    AlreadyFinished,
}
