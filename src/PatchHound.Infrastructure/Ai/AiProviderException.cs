namespace PatchHound.Infrastructure.Ai;

/// <summary>A chat-completions call failed. Messages never contain the API key.</summary>
public abstract class AiProviderException(string message, Exception? innerException = null)
    : Exception(message, innerException);
