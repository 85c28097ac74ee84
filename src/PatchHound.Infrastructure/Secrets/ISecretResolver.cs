namespace PatchHound.Infrastructure.Secrets;

/// <summary>Turns a secret reference (<c>local://name</c>, later <c>kv://vault/name</c>) into the secret.</summary>
public interface ISecretResolver
{
    /// <exception cref="SecretResolutionException">The reference is unknown or unsupported.</exception>
    Task<string> ResolveAsync(string reference, CancellationToken cancellationToken);
}
