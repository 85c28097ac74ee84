namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>Tenants for <see cref="RunRecoveryTests"/>.</summary>
public sealed class RecoveryEnvironment : FailureEnvironment
{
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
    public const string Twice = "twice";

    protected override IEnumerable<(string Name, int RetryCount)> TenantNames => [(Cancelled, 3), (Expired, 0), (Twice, 3)];
}
