using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Secrets;

/// <summary>
/// A tenant's secret in the self-hosted secret store: only ciphertext is kept, sealed with a key that lives outside
/// the database. Sources refer to it by <see cref="Name"/>.
/// </summary>
public sealed class EncryptedSecret : ITenantOwned
{
    public const int KeyIdMaxLength = 64;

    private EncryptedSecret()
    {
        Name = string.Empty;
        KeyId = string.Empty;
        Nonce = [];
        Ciphertext = [];
    }

    public EncryptedSecret(Guid tenantId, string name, string keyId, byte[] nonce, byte[] ciphertext, DateTimeOffset createdAt)
        : this()
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Name = Guard.Text(name, Limits.Key, "secret.invalid_name", "Name");
        CreatedAt = createdAt.Utc();
        Seal(keyId, nonce, ciphertext, createdAt);
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Which sealing key encrypted the value, so keys can rotate.</summary>
    public string KeyId { get; private set; }

    public byte[] Nonce { get; private set; }

    /// <summary>Ciphertext followed by the authentication tag.</summary>
    public byte[] Ciphertext { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Seal(string keyId, byte[] nonce, byte[] ciphertext, DateTimeOffset at)
    {
        KeyId = Guard.Text(keyId, KeyIdMaxLength, "secret.invalid_key_id", "KeyId");
        Guard.Rule(nonce is { Length: > 0 }, "secret.invalid_nonce", "A sealed secret needs a nonce.");
        Guard.Rule(ciphertext is { Length: > 0 }, "secret.invalid_ciphertext", "A sealed secret needs ciphertext.");
        Nonce = nonce;
        Ciphertext = ciphertext;
        UpdatedAt = at.Utc();
    }
}
