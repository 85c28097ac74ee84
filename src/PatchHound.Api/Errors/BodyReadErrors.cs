using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatchHound.Api.Errors;

/// <summary>
/// Field errors for a request that could not be bound: the JSON path of a body's offending value, or the name of a
/// query or route parameter that is not of its type (as the framework's binding message names it), with a message
/// that names no internal type.
/// </summary>
internal static partial class BodyReadErrors
{
    /// <summary>What a body's value that does not bind to its field's type is told (the operator page's edition too).</summary>
    public const string WrongValue = "The value is missing, malformed or of the wrong type (enums are names, e.g. \"High\").";

    public static Dictionary<string, string[]>? From(BadHttpRequestException exception) =>
        exception.InnerException switch
        {
            JsonException json => new() { [FieldOf(json.Path)] = [MessageFor(json)] },
            _ when ParameterBinding().Match(exception.Message) is { Success: true } binding => new()
            {
                [JsonNamingPolicy.CamelCase.ConvertName(binding.Groups["name"].Value)] = [$"Expected {Expected(binding.Groups["type"].Value)}."],
            },
            _ when exception.StatusCode == StatusCodes.Status400BadRequest && exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                => new() { ["body"] = ["A JSON body is required."] },
            _ => null,
        };

    private static string Expected(string type) => type.Replace("Nullable<", string.Empty, StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "long" or "short" or "decimal" or "double" or "float" => "a number",
        "bool" => "true or false",
        "Guid" => "a GUID",
        "DateTimeOffset" or "DateTime" or "DateOnly" => "a date (ISO 8601)",
        _ => "a valid value",
    };

    // ASP.NET Core's own wording: Failed to bind parameter "Nullable<int> limit" from "x". / Required parameter "int limit" was not provided …
    [GeneratedRegex("""^(Failed to bind parameter|Required parameter) "(?<type>[^"]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)"(?! from body)""")]
    private static partial Regex ParameterBinding();

    private static string FieldOf(string? path)
    {
        var field = path?.TrimStart('$').TrimStart('.');
        return string.IsNullOrEmpty(field) ? "body" : field;
    }

    private static string MessageFor(JsonException json) =>
        json.Path is null or "$"
            ? "The body is not valid JSON."
            : WrongValue;
}
