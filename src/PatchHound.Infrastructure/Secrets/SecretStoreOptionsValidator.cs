using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Refuses to start with a secret store that could not work: the encrypted store without a valid active key, Key
/// Vault without a vault. Messages name keys by id, never by value.
/// </summary>
public sealed class SecretStoreOptionsValidator : IValidateOptions<SecretStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = SealingKeys.Check(SecretStoreOptions.Section, options.Keys, options.ActiveKeyId);

        switch (options.Provider)
        {
            case SecretStoreProvider.Database when string.IsNullOrEmpty(options.ActiveKeyId):
                failures.Add(
                    "SecretStore:Provider is Database, which needs a sealing key: set SecretStore:ActiveKeyId and "
                    + $"SecretStore:Keys:<that id>. {SealingKeys.Hint}");
                break;
            case SecretStoreProvider.KeyVault when !IsHttpsUri(options.KeyVaultUri):
                failures.Add("SecretStore:Provider is KeyVault, which needs SecretStore:KeyVaultUri (https://<vault>.vault.azure.net/).");
                break;
        }

        if (!KeyVaultSecretName.IsValidPrefix(options.KeyVaultNamePrefix))
        {
            failures.Add("SecretStore:KeyVaultNamePrefix must be 1 to 24 lower-case letters, digits or inner hyphens.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpsUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
