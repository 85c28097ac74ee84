namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Turns a tenant's secret reference (<c>store://name</c>, <c>kv://vault/name</c>, <c>local://name</c>) into the secret.
/// </summary>
public interface ISecretResolver
{
    /// <param name="tenantId">The tenant whose source holds the reference: store secrets are sealed to it.</param>
    /// <param name="reference">The reference as the source keeps it.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <exception cref="SecretResolutionException">The reference is unknown, unsupported or cannot be opened.</exception>
    Task<string> ResolveAsync(Guid tenantId, string reference, CancellationToken cancellationToken);
}
