namespace PatchHound.Api.Work;

/// <summary>
/// Enum filters in the query string, by name only. Bound by hand because the framework's binding also accepts
/// numbers ("7") that name no member.
/// </summary>
internal static class QueryValues
{
    public static bool TryParseEnum<TEnum>(string? value, out TEnum? parsed)
        where TEnum : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!Enum.TryParse<TEnum>(value, ignoreCase: true, out var member) || !Enum.IsDefined(member) || char.IsAsciiDigit(value[0]))
        {
            return false;
        }

        parsed = member;
        return true;
    }

    public static string Names<TEnum>()
        where TEnum : struct, Enum =>
        $"One of: {string.Join(", ", Enum.GetNames<TEnum>())}.";
}
