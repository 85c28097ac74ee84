using Microsoft.Extensions.Configuration;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Resolves <c>local://name</c> to the configuration key <c>Secrets:name</c> (user secrets or environment in
/// development, the demo). Other schemes belong to <see cref="SecretResolver"/>.
/// </summary>
public sealed class ConfigurationSecretResolver(IConfiguration configuration) : ISecretResolver
{
    public const string Section = "Secrets";

    private const string LocalPrefix = SecretReference.LocalScheme + "://";

    public Task<string> ResolveAsync(Guid tenantId, string reference, CancellationToken cancellationToken)
    {
        if (!SecretReference.IsValid(reference))
        {
            throw new SecretResolutionException("The credential reference is not a secret reference.");
        }

        if (!reference.StartsWith(LocalPrefix, StringComparison.Ordinal))
        {
            throw new SecretResolutionException($"The secret {reference} is not in the host configuration (only local:// references are).");
        }

        var name = reference[LocalPrefix.Length..];
        var value = configuration[$"{Section}:{name}"];
        return string.IsNullOrEmpty(value)
            ? throw new SecretResolutionException($"The secret {reference} is not configured (expected key {Section}:{name}).")
            : Task.FromResult(value);
    }
}
