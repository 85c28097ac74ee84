using System.Text.RegularExpressions;

namespace PatchHound.Core.Sources;

/// <summary>
/// Where a source's secret lives: <c>store://name</c> (the tenant's encrypted secret store), <c>kv://vault/secret-name</c>
/// (Azure Key Vault) or <c>local://name</c> (host configuration). Only the reference is stored; a value that does not
/// look like one is refused so that a pasted secret never reaches the database.
/// </summary>
public static partial class SecretReference
{
    public const int MaxLength = 512;
    public const string KeyVaultScheme = "kv";
    public const string LocalScheme = "local";
    public const string StoreScheme = "store";

    public static bool IsValid(string? reference) =>
        reference is { Length: <= MaxLength } && Pattern().IsMatch(reference);

    [GeneratedRegex("^(kv://[a-zA-Z0-9-]+/[a-zA-Z0-9-]+|local://[a-zA-Z0-9._-]+|store://[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
