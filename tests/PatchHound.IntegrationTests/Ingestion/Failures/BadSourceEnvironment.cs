namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>A broken tenant per <see cref="BadSourceCase"/> (no retries: dead-lettered at the first failure) and a healthy one.</summary>
public sealed class BadSourceEnvironment : FailureEnvironment
{
    public const string Healthy = "healthy";

    protected override IEnumerable<(string Name, int RetryCount)> TenantNames =>
        [(Healthy, 3), .. BadSourceCase.All.Select(c => (c.Name, 0))];
}
