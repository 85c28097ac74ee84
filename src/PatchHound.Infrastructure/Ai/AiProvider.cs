namespace PatchHound.Infrastructure.Ai;

/// <summary>The chat-completions dialects <see cref="OpenAiCompatibleClient"/> speaks.</summary>
public enum AiProvider
{
    /// <summary><c>{BaseUrl}/v1/chat/completions</c>, key sent as <c>Authorization: Bearer</c>.</summary>
    OpenAI,

    /// <summary><c>{BaseUrl}/openai/deployments/{Deployment}/chat/completions?api-version=…</c>, key sent as <c>api-key</c>.</summary>
    AzureOpenAI,

    /// <summary>Ollama's OpenAI-compatible <c>{BaseUrl}/v1/chat/completions</c>; needs no key.</summary>
    Ollama,
}
