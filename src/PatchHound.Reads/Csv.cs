using System.Text;

namespace PatchHound.Reads;

/// <summary>
/// RFC 4180 CSV: a field with a comma, quote or line break is quoted, quotes doubled; lines end with CRLF.
/// A field that a spreadsheet would read as a formula (starting with = + - @, tab or carriage return) gets a leading
/// single quote, so exported data — device names, product names from a source — cannot run in the reader's sheet.
/// </summary>
internal static class Csv
{
    public const string LineEnd = "\r\n";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Line(IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendField(line, fields[i]);
        }

        return line.Append(LineEnd).ToString();
    }

    private static void AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var guarded = Array.IndexOf(FormulaStarts, value[0]) >= 0 ? "'" + value : value;
        if (guarded.IndexOfAny(NeedsQuotes) < 0)
        {
            line.Append(guarded);
            return;
        }

        line.Append('"').Append(guarded.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
