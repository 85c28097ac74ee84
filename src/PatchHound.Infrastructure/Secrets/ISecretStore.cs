namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Where credentials set through the API go: the encrypted store in PostgreSQL (self-hosting) or Azure Key Vault,
/// chosen by <c>SecretStore:Provider</c>. Values go in and, for the worker only, come out; nothing lists them.
/// </summary>
public interface ISecretStore
{
    /// <summary>Writes or replaces the tenant's secret <paramref name="name"/>.</summary>
    /// <returns>The reference a source keeps instead of the value (<c>store://name</c> or <c>kv://vault/name</c>).</returns>
    /// <exception cref="SecretStoreException">The store refused the write or could not be reached.</exception>
    Task<string> WriteAsync(Guid tenantId, string name, string value, CancellationToken cancellationToken);

    /// <exception cref="SecretResolutionException">No such secret, or it cannot be opened.</exception>
    Task<string> ResolveAsync(Guid tenantId, string name, CancellationToken cancellationToken);

    /// <summary>Removes the secret; nothing happens when there is none.</summary>
    /// <exception cref="SecretStoreException">The store refused the delete or could not be reached.</exception>
    Task DeleteAsync(Guid tenantId, string name, CancellationToken cancellationToken);
}
