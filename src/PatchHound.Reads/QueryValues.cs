namespace PatchHound.Reads;

/// <summary>
/// Multi-valued enum query parameters (<c>?severity=Critical&amp;severity=High</c> or <c>?severity=Critical,High</c>),
/// parsed by name only, case-insensitively. Numbers are refused: an enum is named, never counted.
/// </summary>
internal static class QueryValues
{
    public static IReadOnlyList<TEnum> Enums<TEnum>(string[]? values, string field, IDictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        var parsed = new List<TEnum>();
        foreach (var value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (value.All(char.IsAsciiLetter) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var member))
            {
                parsed.Add(member);
            }
            else
            {
                errors[field] = [$"\"{Shorten(value)}\" is not one of {string.Join(", ", Enum.GetNames<TEnum>())}."];
            }
        }

        return parsed.Distinct().ToList();
    }

    /// <summary>A sort parameter: a key name, descending when prefixed with <c>-</c> (<c>-dueAt</c>).</summary>
    public static SortOrder<TKey> Sort<TKey>(string? value, SortOrder<TKey> fallback, IDictionary<string, string[]> errors)
        where TKey : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var trimmed = value.Trim();
        var descending = trimmed.StartsWith('-');
        var name = descending ? trimmed[1..] : trimmed;
        if (name.All(char.IsAsciiLetter) && name.Length > 0 && Enum.TryParse<TKey>(name, ignoreCase: true, out var key))
        {
            return new SortOrder<TKey>(key, descending);
        }

        var names = Enum.GetNames<TKey>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);
        errors["sort"] = [$"\"{Shorten(value)}\" is not a sort; use one of {string.Join(", ", names)}, prefixed with - for descending."];
        return fallback;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
