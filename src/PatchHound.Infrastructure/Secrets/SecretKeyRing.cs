using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// The sealing keys of the encrypted secret store, decoded once from <c>SecretStore:Keys</c>. Every key stays usable
/// for opening; only <see cref="SecretStoreOptions.ActiveKeyId"/> seals.
/// </summary>
public sealed partial class SecretKeyRing
{
    public const int KeyBytes = 32;

    private readonly Dictionary<string, byte[]> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? activeKeyId;

    public SecretKeyRing(IOptions<SecretStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (keyId, value) in options.Value.Keys)
        {
            if (IsValidKeyId(keyId) && Decode(value) is { } key)
            {
                keys[keyId] = key;
            }
        }

        activeKeyId = options.Value.ActiveKeyId is { } active && keys.ContainsKey(active) ? active : null;
    }

    /// <summary>The key id new secrets are sealed with, and the key.</summary>
    /// <exception cref="SecretStoreException">No active key is configured.</exception>
    public (string KeyId, byte[] Key) Active =>
        activeKeyId is null
            ? throw new SecretStoreException("The encrypted secret store has no active key: set SecretStore:ActiveKeyId and SecretStore:Keys.")
            : (activeKeyId, keys[activeKeyId]);

    public bool IsActive(string keyId) => activeKeyId is not null && string.Equals(keyId, activeKeyId, StringComparison.OrdinalIgnoreCase);

    public byte[]? Find(string keyId) => keys.GetValueOrDefault(keyId);

    public static bool IsValidKeyId(string? keyId) => keyId is not null && KeyIdPattern().IsMatch(keyId);

    /// <summary>The key, or null when the value is not the base64 of exactly <see cref="KeyBytes"/> bytes.</summary>
    public static byte[]? Decode(string? base64)
    {
        var buffer = new byte[KeyBytes + 3];
        return base64 is not null && Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == KeyBytes
            ? buffer[..KeyBytes]
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
