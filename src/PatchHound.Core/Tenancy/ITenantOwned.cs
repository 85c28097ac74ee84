namespace PatchHound.Core.Tenancy;

/// <summary>
/// A row that belongs to exactly one tenant. Persistence filters, stamps and checks
/// <see cref="TenantId"/> on every read and write, and PostgreSQL row-level security enforces it again.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
