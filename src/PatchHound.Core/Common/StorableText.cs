using System.Text;

namespace PatchHound.Core.Common;

/// <summary>
/// What text PostgreSQL can store: its <c>text</c> type refuses U+0000 (SQLSTATE 22021), and a UTF-16 surrogate
/// without its partner has no UTF-8 encoding at all. Requests carrying such characters are refused (400, naming the
/// field); text from a source is cleaned instead, because one odd value must not stop a tenant's ingestion.
/// </summary>
public static class StorableText
{
    public const string Rule = "must not contain NUL (U+0000) or unpaired surrogate characters";

    public static bool IsStorable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value with NUL removed and every unpaired surrogate replaced by U+FFFD; the same instance when it was storable.</summary>
    public static string Clean(string value)
    {
        if (IsStorable(value))
        {
            return value;
        }

        var cleaned = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                cleaned.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                cleaned.Append('\uFFFD');
            }
            else if (c != '\0')
            {
                cleaned.Append(c);
            }
        }

        return cleaned.ToString();
    }
}
