using System.Globalization;
using System.Text.Json;

namespace PatchHound.Infrastructure.Defender;

/// <summary>Typed reads of one property value, failing with the page, record and field named.</summary>
internal static class JsonFields
{
    public static void ExpectObject(ref Utf8JsonReader reader, RecordLocation at)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw at.Fault(null, $"must be a JSON object but is {Describe(reader.TokenType)}");
        }
    }

    /// <summary>Moves to the next property; false on the record's closing brace.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            name = string.Empty;
            return false;
        }

        name = reader.GetString()!;
        reader.Read();
        return true;
    }

    public static void Skip(ref Utf8JsonReader reader) => reader.TrySkip();

    public static string? String(ref Utf8JsonReader reader, RecordLocation at, string field) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw at.Fault(field, $"must be a string but is {Describe(reader.TokenType)}"),
        };

    /// <summary>A string, or a number kept as its JSON text (ids the docs type as String but show as numbers).</summary>
    public static string? StringOrNumber(ref Utf8JsonReader reader, RecordLocation at, string field) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
            JsonTokenType.Null => null,
            _ => throw at.Fault(field, $"must be a string or a number but is {Describe(reader.TokenType)}"),
        };

    public static decimal? Number(ref Utf8JsonReader reader, RecordLocation at, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value)
            ? value
            : throw at.Fault(field, $"must be a number but is {Describe(reader.TokenType)}");
    }

    public static bool? Boolean(ref Utf8JsonReader reader, RecordLocation at, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw at.Fault(field, $"must be a boolean but is {Describe(reader.TokenType)}"),
    };

    /// <summary>
    /// Defender writes ISO 8601 on machines and <c>2020-12-30 14:17:26</c> (UTC, no offset) on vulnerability
    /// exports, so timestamps are parsed leniently and read as UTC when they carry no offset.
    /// </summary>
    public static DateTimeOffset? Timestamp(ref Utf8JsonReader reader, RecordLocation at, string field)
    {
        var text = String(ref reader, at, field);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw at.Fault(field, "is not a timestamp");
    }

    public static IReadOnlyList<string> Strings(ref Utf8JsonReader reader, RecordLocation at, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw at.Fault(field, $"must be an array of strings but is {Describe(reader.TokenType)}");
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw at.Fault(field, $"item {items.Count} must be a string but is {Describe(reader.TokenType)}"));
        }

        return items;
    }

    public static string Required(string? value, RecordLocation at, string field) =>
        string.IsNullOrEmpty(value) ? throw at.Fault(field, "is required but missing") : value;

    /// <summary>A field without which the record is unusable: skipped and counted rather than failing the page.</summary>
    public static string Usable(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new UnusableRecordException($"field '{field}' is missing or empty") : value;

    public static DateTimeOffset Required(DateTimeOffset? value, RecordLocation at, string field) =>
        value ?? throw at.Fault(field, "is required but missing");

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
