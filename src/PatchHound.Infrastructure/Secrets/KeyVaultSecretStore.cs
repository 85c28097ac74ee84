using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>The Azure secret store: each tenant secret is a Key Vault secret named by <see cref="KeyVaultSecretName"/>.</summary>
public sealed class KeyVaultSecretStore(KeyVaultSecrets vault, IOptions<SecretStoreOptions> options) : ISecretStore
{
    public async Task<string> WriteAsync(Guid tenantId, string name, string value, CancellationToken cancellationToken)
    {
        var (vaultName, kvName) = Locate(tenantId, name);
        await vault.SetAsync(vaultName, kvName, value, cancellationToken);
        return $"kv://{vaultName}/{kvName}";
    }

    public Task<string> ResolveAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        var (vaultName, kvName) = Locate(tenantId, name);
        return vault.GetAsync(vaultName, kvName, cancellationToken);
    }

    public Task DeleteAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        var (vaultName, kvName) = Locate(tenantId, name);
        return vault.DeleteAsync(vaultName, kvName, cancellationToken);
    }

    private (string Vault, string Name) Locate(Guid tenantId, string name) =>
        (vault.ConfiguredVaultName, KeyVaultSecretName.For(options.Value.KeyVaultNamePrefix, tenantId, name));
}
