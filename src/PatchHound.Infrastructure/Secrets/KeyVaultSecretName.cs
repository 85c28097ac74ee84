using System.Text.RegularExpressions;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Key Vault names of tenants' secrets: <c>{prefix}-{tenant id, 32 hex}-{name}</c>. Key Vault allows 1 to 127
/// letters, digits and hyphens and ignores case; the lower-case parts keep the mapping one-to-one.
/// </summary>
public static partial class KeyVaultSecretName
{
    public const int MaxLength = 127;

    public static string For(string prefix, Guid tenantId, string name)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("The Key Vault name prefix is not valid.", nameof(prefix));
        }

        return $"{prefix}-{tenantId:N}-{SecretName.Ensure(name)}";
    }

    public static bool IsValidPrefix(string? prefix) => prefix is not null && PrefixPattern().IsMatch(prefix);

    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>
    /// False when <paramref name="kvName"/> has the shape of a name PatchHound wrote for another tenant, so a
    /// reference can never make one tenant's source read another's secret.
    /// </summary>
    public static bool MayServe(string prefix, Guid tenantId, string kvName)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(kvName);
        var start = prefix + "-";
        if (!kvName.StartsWith(start, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var rest = kvName.AsSpan(start.Length);
        return rest.Length < 34 || rest[32] != '-' || !Guid.TryParseExact(rest[..32], "N", out var owner) || owner == tenantId;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
