namespace PatchHound.Infrastructure.Secrets;

/// <summary>The start-up checks of a configured list of sealing keys (see <see cref="SecretKeyRing"/>).</summary>
public static class SealingKeys
{
    public const string Hint = "Generate one with `openssl rand -base64 32`.";

    /// <returns>What is wrong with the keys of <paramref name="section"/>, naming keys by id, never by value.</returns>
    public static List<string> Check(string section, IReadOnlyDictionary<string, string> keys, string? activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var failures = new List<string>();
        foreach (var (keyId, value) in keys)
        {
            if (!SecretKeyRing.IsValidKeyId(keyId))
            {
                failures.Add($"{section}:Keys: key id '{keyId}' must be 1 to 64 letters, digits, '-' or '_'.");
            }
            else if (SecretKeyRing.Decode(value) is null)
            {
                failures.Add($"{section}:Keys:{keyId} must be the base64 of exactly 32 bytes. {Hint}");
            }
        }

        if (!string.IsNullOrEmpty(activeKeyId) && !keys.ContainsKey(activeKeyId))
        {
            failures.Add($"{section}:ActiveKeyId '{activeKeyId}' is not one of {section}:Keys.");
        }

        return failures;
    }
}
