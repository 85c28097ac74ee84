namespace PatchHound.Infrastructure.Tenancy;

/// <summary>An operation crossed or lacked a tenant boundary. Nothing was written.</summary>
public sealed class TenantAccessException(string message) : Exception(message);
