using System.Text.RegularExpressions;

namespace PatchHound.IntegrationTests.Deployment;

/// <summary>What a secret looks like in a template or compose file: by its name, or by the expression that produces it.</summary>
internal static partial class SecretPatterns
{
    /// <summary>Names compared without separators, so <c>ConnectionStrings__Redis</c> and <c>CONNECTION_STRING</c> both match.</summary>
    public static bool IsSecretName(string name) =>
        !SecretStoreSettings.Contains(name) && SecretName().IsMatch(Separators().Replace(name, ""));

    /// <summary>The secret store's own settings, which say where secrets go and hold none (its Keys are secrets).</summary>
    private static readonly HashSet<string> SecretStoreSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "SecretStore__Provider", "SecretStore__KeyVaultUri", "SecretStore__KeyVaultNamePrefix", "SecretStore__ActiveKeyId",
    };

    /// <summary>Literal credentials in a value, or ARM list*() calls, which return keys.</summary>
    public static bool LooksLikeSecretValue(string value) => SecretValue().IsMatch(value);

    [GeneratedRegex("password|secret|connectionstring|accesskey|primarykey|sharedkey|apikey|token|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"password=|accountkey=|instrumentationkey=|sharedaccesskey=|\blist[a-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();

    [GeneratedRegex("[^a-zA-Z]")]
    private static partial Regex Separators();
}
