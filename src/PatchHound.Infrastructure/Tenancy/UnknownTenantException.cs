namespace PatchHound.Infrastructure.Tenancy;

/// <summary>The tenant named by a request or job does not exist or is not active.</summary>
public sealed class UnknownTenantException(string tenant, string reason)
    : Exception($"Tenant '{tenant}' {reason}.")
{
    public string Tenant { get; } = tenant;
}
