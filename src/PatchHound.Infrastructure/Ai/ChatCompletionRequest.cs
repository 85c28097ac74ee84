using System.Text.Json.Serialization;

namespace PatchHound.Infrastructure.Ai;

/// <summary>The body of a chat-completions call; Azure OpenAI takes the model from the deployment, so it may be absent.</summary>
internal sealed record ChatCompletionRequest(
    [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages);
