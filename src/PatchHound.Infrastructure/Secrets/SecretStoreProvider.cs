namespace PatchHound.Infrastructure.Secrets;

/// <summary>Where source credentials written through the API are kept (<c>SecretStore:Provider</c>).</summary>
public enum SecretStoreProvider
{
    /// <summary>No store: setting a credential through the API is refused.</summary>
    None,

    /// <summary>Self-hosting: AES-256-GCM sealed rows in PostgreSQL, keys from configuration.</summary>
    Database,

    /// <summary>Azure: Key Vault, signed in with DefaultAzureCredential.</summary>
    KeyVault,
}
