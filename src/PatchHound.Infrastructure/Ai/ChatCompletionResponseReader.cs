using System.Text.Json;

namespace PatchHound.Infrastructure.Ai;

/// <summary>Reads the parts PatchHound needs from chat-completions answers, refusing anything else clearly.</summary>
internal static class ChatCompletionResponseReader
{
    private const int MaxErrorDetail = 500;

    /// <summary>The text of <c>choices[0].message.content</c>.</summary>
    public static string ReadContent(string body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (Property(root, "choices") is not { ValueKind: JsonValueKind.Array } choices || choices.GetArrayLength() == 0)
        {
            throw Malformed("it has no choices");
        }

        var choice = choices[0];
        if (Property(choice, "message") is not { ValueKind: JsonValueKind.Object } message)
        {
            throw Malformed("its first choice has no message");
        }

        if (Property(message, "content") is not { ValueKind: JsonValueKind.String } content
            || string.IsNullOrWhiteSpace(content.GetString()))
        {
            var reason = Property(choice, "finish_reason") is { ValueKind: JsonValueKind.String } finish ? finish.GetString() : "none";
            throw Malformed($"its message has no text (finish_reason: {reason})");
        }

        return content.GetString()!;
    }

    /// <summary><c>error.message</c> of an error answer, or the start of the body when it has another shape.</summary>
    public static string ReadErrorDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (Property(document.RootElement, "error") is { } error
                && Property(error, "message") is { ValueKind: JsonValueKind.String } message)
            {
                return Shorten(message.GetString()!);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the raw text below is the best detail there is.
        }

        return string.IsNullOrWhiteSpace(body) ? "no details" : Shorten(body);
    }

    private static JsonDocument Parse(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new AiPermanentException("The AI provider's answer is malformed: it is not JSON.", exception);
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static AiPermanentException Malformed(string problem) =>
        new($"The AI provider's answer is malformed: {problem}.");

    private static string Shorten(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxErrorDetail ? trimmed : trimmed[..MaxErrorDetail] + "…";
    }
}
