using PatchHound.Core.Common;

namespace PatchHound.Infrastructure.Enrichment;

/// <summary>Feed text cut to what the catalog stores.</summary>
internal static class CatalogText
{
    /// <summary>Trimmed and at most <see cref="Limits.Title"/> characters; null when blank.</summary>
    public static string? Title(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= Limits.Title ? trimmed : trimmed[..Limits.Title].TrimEnd();
    }

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
