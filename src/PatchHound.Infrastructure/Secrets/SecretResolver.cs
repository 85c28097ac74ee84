using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// The resolver the worker (and anything else that reads a source's credential) uses: <c>store://</c> from the
/// encrypted store, sealed to the source's tenant; <c>kv://</c> from Azure Key Vault; <c>local://</c> from the host
/// configuration.
/// </summary>
public sealed class SecretResolver(
    ConfigurationSecretResolver configuration,
    KeyVaultSecrets keyVault,
    IServiceScopeFactory scopes,
    IOptions<SecretStoreOptions> options) : ISecretResolver
{
    private const string Separator = "://";

    public async Task<string> ResolveAsync(Guid tenantId, string reference, CancellationToken cancellationToken)
    {
        if (!SecretReference.IsValid(reference))
        {
            throw new SecretResolutionException("The credential reference is not a secret reference.");
        }

        var at = reference.IndexOf(Separator, StringComparison.Ordinal);
        var path = reference[(at + Separator.Length)..];
        return reference[..at] switch
        {
            SecretReference.StoreScheme => await FromStoreAsync(tenantId, path, cancellationToken),
            SecretReference.KeyVaultScheme => await FromKeyVaultAsync(tenantId, path, cancellationToken),
            _ => await configuration.ResolveAsync(tenantId, reference, cancellationToken),
        };
    }

    // A scope of its own: the store enters the source's tenant on a fresh DbContext, so both isolation walls apply.
    private async Task<string> FromStoreAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EncryptedSecretStore>().ResolveAsync(tenantId, name, cancellationToken);
    }

    private async Task<string> FromKeyVaultAsync(Guid tenantId, string path, CancellationToken cancellationToken)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var (vault, name) = (path[..slash], path[(slash + 1)..]);
        if (!KeyVaultSecretName.MayServe(options.Value.KeyVaultNamePrefix, tenantId, name))
        {
            throw new SecretResolutionException($"The secret kv://{path} was written for another tenant.");
        }

        return await keyVault.GetAsync(vault, name, cancellationToken);
    }
}
