namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>
/// One tenant only: the dispatch sweep <see cref="StrandedRunTests"/> runs also dispatches the scheduled runs of every
/// other idle source of the database.
/// </summary>
public sealed class StrandedRunEnvironment : FailureEnvironment
{
    public const string Stranded = "stranded";

    protected override IEnumerable<(string Name, int RetryCount)> TenantNames => [(Stranded, 3)];
}
