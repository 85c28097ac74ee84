using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Sealing keys decoded once from a configuration section's <c>Keys</c> (the encrypted secret store's
/// <c>SecretStore:Keys</c>, the Data Protection key ring's <c>DataProtection:Keys</c>). Every key stays usable for
/// opening; only the active one seals.
/// </summary>
public sealed partial class SecretKeyRing
{
    public const int KeyBytes = 32;

    private readonly Dictionary<string, byte[]> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? activeKeyId;
    private readonly string missingActiveKey;

    public SecretKeyRing(IOptions<SecretStoreOptions> options)
        : this(
            options?.Value.Keys ?? throw new ArgumentNullException(nameof(options)),
            options.Value.ActiveKeyId,
            $"The encrypted secret store has no active key: set {SecretStoreOptions.Section}:ActiveKeyId and {SecretStoreOptions.Section}:Keys.")
    {
    }

    /// <param name="configuredKeys">Key id → base64 of the key; malformed entries are left out (the validators report them).</param>
    /// <param name="activeKeyId">The key that seals, or null.</param>
    /// <param name="missingActiveKey">The message of the error <see cref="Active"/> throws when no key is active.</param>
    public SecretKeyRing(IReadOnlyDictionary<string, string> configuredKeys, string? activeKeyId, string missingActiveKey)
    {
        ArgumentNullException.ThrowIfNull(configuredKeys);
        foreach (var (keyId, value) in configuredKeys)
        {
            if (IsValidKeyId(keyId) && Decode(value) is { } key)
            {
                keys[keyId] = key;
            }
        }

        this.activeKeyId = activeKeyId is { } active && keys.ContainsKey(active) ? active : null;
        this.missingActiveKey = missingActiveKey;
    }

    public bool HasActiveKey => activeKeyId is not null;

    /// <summary>The key id new values are sealed with, and the key.</summary>
    /// <exception cref="SecretStoreException">No active key is configured.</exception>
    public (string KeyId, byte[] Key) Active =>
        activeKeyId is null ? throw new SecretStoreException(missingActiveKey) : (activeKeyId, keys[activeKeyId]);

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
