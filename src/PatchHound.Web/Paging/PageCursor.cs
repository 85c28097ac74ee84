using System.Globalization;
using Microsoft.AspNetCore.Http;
using PatchHound.Reads.Paging;

namespace PatchHound.Web.Paging;

/// <summary>A cursor from the query string, decoded as the API does; a value that does not decode is a field error.</summary>
internal static class PageCursor
{
    public static T? Decode<T>(string? value, string field, IDictionary<string, string[]> errors)
        where T : class
    {
        try
        {
            return Cursor.Decode<T>(value);
        }
        catch (BadHttpRequestException e)
        {
            errors[field] = [e.Message];
            return null;
        }
    }

    /// <summary>A true/false query value; anything else is a field error.</summary>
    public static bool? Flag(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"{field} is true or false."];
        return null;
    }

    /// <summary>The <c>limit</c> of rows per page, as the API reads it (50 when absent, at most 500).</summary>
    public static int Limit(string? value, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return PageLimit.Default;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return PageLimit.Of(parsed);
        }

        errors["limit"] = [$"limit is a whole number from 1 to {PageLimit.Max}."];
        return PageLimit.Default;
    }
}
