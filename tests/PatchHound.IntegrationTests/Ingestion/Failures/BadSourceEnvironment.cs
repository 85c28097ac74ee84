namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>A broken tenant per <see cref="BadSourceCase"/> (no retries: dead-lettered at the first failure) and a healthy one.</summary>
public sealed class BadSourceEnvironment : FailureEnvironment
{
    public const string Healthy = "healthy";

    /// <summary>A source whose every text field carries NUL: cleaned, not a failure (no retries, so any failure shows).</summary>
    public const string NulText = "nul-text";

    /// <summary>A source with a few unusable rows per page: skipped and counted, not a failure (no retries, so any failure shows).</summary>
    public const string UnusableRows = "unusable-rows";

    /// <summary>A source whose rows carry temporary extra columns: ignored (no retries, so any failure shows).</summary>
    public const string ExtraColumns = "extra-columns";

    protected override IEnumerable<(string Name, int RetryCount)> TenantNames =>
        [(Healthy, 3), (NulText, 0), (UnusableRows, 0), (ExtraColumns, 0), .. BadSourceCase.All.Select(c => (c.Name, 0))];
}
