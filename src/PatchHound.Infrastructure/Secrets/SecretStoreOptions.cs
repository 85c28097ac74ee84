namespace PatchHound.Infrastructure.Secrets;

/// <summary>Bound from <c>SecretStore</c>; checked at start-up by <see cref="SecretStoreOptionsValidator"/>.</summary>
public sealed class SecretStoreOptions
{
    public const string Section = "SecretStore";
    public const string DefaultKeyVaultNamePrefix = "patchhound";

    public SecretStoreProvider Provider { get; set; } = SecretStoreProvider.None;

    /// <summary>The key new and rewritten secrets are sealed with; must be one of <see cref="Keys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// Key id → base64 of 32 random bytes (<c>openssl rand -base64 32</c>). Old keys stay listed until every secret
    /// sealed with them has been rewritten or rotated.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The vault written to when <see cref="Provider"/> is KeyVault, e.g. <c>https://contoso-ph.vault.azure.net/</c>.</summary>
    public string? KeyVaultUri { get; set; }

    /// <summary>Starts every Key Vault secret name PatchHound writes, so one vault can serve several installations.</summary>
    public string KeyVaultNamePrefix { get; set; } = DefaultKeyVaultNamePrefix;
}
