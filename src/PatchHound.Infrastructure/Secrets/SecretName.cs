using System.Text.RegularExpressions;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// Names of a tenant's secrets: 1 to 63 lower-case letters, digits or inner hyphens. Narrow on purpose: the same name
/// is a <c>store://</c> reference and part of a Key Vault secret name, which is case-insensitive.
/// </summary>
public static partial class SecretName
{
    public const int MaxLength = 63;

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <exception cref="ArgumentException">The name breaks the rule above.</exception>
    public static string Ensure(string? name) =>
        IsValid(name) ? name! : throw new ArgumentException("A secret name is 1 to 63 lower-case letters, digits or inner hyphens.", nameof(name));

    /// <summary>The secret that holds a source's credential.</summary>
    public static string ForSource(Guid sourceId) => $"source-{sourceId:N}";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
