using System.Security.Cryptography;
using System.Text;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// AES-256-GCM sealing of one secret. The associated data names what the value is (for a tenant's secret: the tenant
/// and the secret), so a sealed value only opens as what it was written as: a row copied or moved to another tenant or
/// name fails authentication.
/// </summary>
public static class SecretSealer
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    private const string Purpose = "patchhound-secret-v1";

    /// <returns>A fresh random nonce, and the ciphertext with the authentication tag appended.</returns>
    public static (byte[] Nonce, byte[] Ciphertext) Seal(byte[] key, Guid tenantId, string name, string value) =>
        Seal(key, AssociatedData(tenantId, name), value);

    /// <exception cref="AuthenticationTagMismatchException">Wrong key, altered bytes, or another tenant or name.</exception>
    public static string Open(byte[] key, Guid tenantId, string name, byte[] nonce, byte[] ciphertext) =>
        Open(key, AssociatedData(tenantId, name), nonce, ciphertext);

    /// <returns>A fresh random nonce, and the ciphertext with the authentication tag appended.</returns>
    public static (byte[] Nonce, byte[] Ciphertext) Seal(byte[] key, byte[] associatedData, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var plaintext = Encoding.UTF8.GetBytes(value);
        var sealedValue = new byte[plaintext.Length + TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(0, plaintext.Length), sealedValue.AsSpan(plaintext.Length), associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return (nonce, sealedValue);
    }

    /// <exception cref="AuthenticationTagMismatchException">Wrong key, altered bytes, or other associated data.</exception>
    public static string Open(byte[] key, byte[] associatedData, byte[] nonce, byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (nonce.Length != NonceBytes || ciphertext.Length < TagBytes)
        {
            throw new AuthenticationTagMismatchException();
        }

        var length = ciphertext.Length - TagBytes;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(nonce, ciphertext.AsSpan(0, length), ciphertext.AsSpan(length), plaintext, associatedData);
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(Guid tenantId, string name) => Encoding.UTF8.GetBytes($"{Purpose}|{tenantId:D}|{name}");
}
