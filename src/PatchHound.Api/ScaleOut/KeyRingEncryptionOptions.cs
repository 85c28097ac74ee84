namespace PatchHound.Api.ScaleOut;

/// <summary>
/// Bound from <c>DataProtection</c>: the keys that seal the Data Protection key ring at rest (in Redis, or wherever it
/// is kept). Same format and rotation as the secret store's keys (docs/secrets.md), but keys of their own.
/// </summary>
internal sealed class KeyRingEncryptionOptions
{
    public const string Section = "DataProtection";

    /// <summary>The key new key-ring elements are sealed with; must be one of <see cref="Keys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Key id → base64 of 32 random bytes. Old keys stay listed while elements sealed with them exist.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
