using System.Text.Json.Serialization;

namespace PatchHound.Infrastructure.Ai;

/// <summary>One message of a chat-completions conversation.</summary>
public sealed record ChatMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content)
{
    public static ChatMessage System(string content) => new("system", content);

    public static ChatMessage User(string content) => new("user", content);
}
