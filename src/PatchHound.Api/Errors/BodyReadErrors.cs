using System.Text.Json;

namespace PatchHound.Api.Errors;

/// <summary>
/// Field errors for a body that could not be read: the JSON path of the offending value, with a message that names
/// no internal type.
/// </summary>
internal static class BodyReadErrors
{
    public static Dictionary<string, string[]>? From(BadHttpRequestException exception) =>
        exception.InnerException switch
        {
            JsonException json => new() { [FieldOf(json.Path)] = [MessageFor(json)] },
            _ when exception.StatusCode == StatusCodes.Status400BadRequest && exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                => new() { ["body"] = ["A JSON body is required."] },
            _ => null,
        };

    private static string FieldOf(string? path)
    {
        var field = path?.TrimStart('$').TrimStart('.');
        return string.IsNullOrEmpty(field) ? "body" : field;
    }

    private static string MessageFor(JsonException json) =>
        json.Path is null or "$"
            ? "The body is not valid JSON."
            : "The value is missing, malformed or of the wrong type (enums are names, e.g. \"High\").";
}
