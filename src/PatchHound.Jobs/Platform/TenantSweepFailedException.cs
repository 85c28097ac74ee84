namespace PatchHound.Jobs.Platform;

/// <summary>Some tenants of a sweep failed; the others were done. Thrown so Hangfire retries the (idempotent) sweep.</summary>
public sealed class TenantSweepFailedException(string sweep, IReadOnlyList<Guid> failedTenants, Exception first)
    : Exception($"{sweep} failed for {failedTenants.Count} tenant(s): {string.Join(", ", failedTenants)}. First error: {first.Message}", first)
{
    public IReadOnlyList<Guid> FailedTenants { get; } = failedTenants;
}
