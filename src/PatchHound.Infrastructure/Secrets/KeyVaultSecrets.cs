using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Azure Key Vault through <see cref="DefaultAzureCredential"/> (managed or workload identity in Azure, the developer's
/// sign-in locally). One client per vault for the process; errors name the secret and the status, never a value.
/// </summary>
public sealed class KeyVaultSecrets(IOptions<SecretStoreOptions> options, ILogger<KeyVaultSecrets> logger)
{
    private const string DefaultDnsSuffix = "vault.azure.net";

    private readonly ConcurrentDictionary<string, SecretClient> clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<TokenCredential> credential = new(() => new DefaultAzureCredential());

    /// <summary>The vault PatchHound writes to: the first label of <c>SecretStore:KeyVaultUri</c>.</summary>
    public string ConfiguredVaultName =>
        Uri.TryCreate(options.Value.KeyVaultUri, UriKind.Absolute, out var uri)
            ? uri.Host.Split('.')[0]
            : throw new SecretStoreException("SecretStore:KeyVaultUri is not configured.");

    /// <summary><c>https://{vault}.{suffix}/</c>, the suffix taken from the configured vault (sovereign clouds, private links).</summary>
    public Uri VaultUri(string vault)
    {
        var configured = Uri.TryCreate(options.Value.KeyVaultUri, UriKind.Absolute, out var uri) ? uri.Host : null;
        var dot = configured?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        var suffix = dot > 0 ? configured![(dot + 1)..] : DefaultDnsSuffix;
        return new Uri($"https://{vault}.{suffix}/");
    }

    public async Task<string> GetAsync(string vault, string name, CancellationToken cancellationToken)
    {
        var reference = $"kv://{vault}/{name}";
        try
        {
            var secret = await Client(vault).GetSecretAsync(name, cancellationToken: cancellationToken);
            return secret.Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new SecretResolutionException($"The secret {reference} does not exist.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Key Vault could not serve {Reference}: {Failure}", reference, Describe(e));
            throw new SecretResolutionException($"Key Vault could not serve {reference}: {Describe(e)}.");
        }
    }

    public async Task SetAsync(string vault, string name, string value, CancellationToken cancellationToken)
    {
        var secret = new KeyVaultSecret(name, value);
        secret.Properties.ContentType = "application/json";
        secret.Properties.Tags["managed-by"] = "patchhound";
        try
        {
            await Client(vault).SetSecretAsync(secret, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SecretStoreException($"Key Vault refused to write kv://{vault}/{name}: {Describe(e)}.");
        }
    }

    public async Task DeleteAsync(string vault, string name, CancellationToken cancellationToken)
    {
        try
        {
            // Soft delete: the vault's retention and purge protection decide when it is gone for good.
            await Client(vault).StartDeleteSecretAsync(name, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SecretStoreException($"Key Vault refused to delete kv://{vault}/{name}: {Describe(e)}.");
        }
    }

    private SecretClient Client(string vault) => clients.GetOrAdd(vault, v => new SecretClient(VaultUri(v), credential.Value));

    // The status and error code only: Azure's full messages carry response bodies and headers.
    private static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } failed => $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd(),
        AuthenticationFailedException => "the host has no Azure identity that can sign in",
        _ => $"the vault could not be reached ({e.GetType().Name})",
    };
}
